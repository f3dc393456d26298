package clipcast.consent;

import clipcast.consent.domain.UnsubscribeToken;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The preference page behind every unsubscribe link ({@code /u/{token}}). A GET only shows (link scanners open
 * links); the page's form (CSRF-protected) withdraws the purposes the person unticks, or everything; the RFC 8058
 * one-click POST ({@code List-Unsubscribe=One-Click}, sent by mail clients, exempt from CSRF) unsubscribes from
 * the channel at once.
 */
@Controller
class PreferencePageController {

    static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    private final Consents consents;
    private final ContactDirectory contacts;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PreferencePageController(
            Consents consents, ContactDirectory contacts, TransactionTemplate transactions, Clock clock) {
        this.consents = consents;
        this.contacts = contacts;
        this.transactions = transactions;
        this.clock = clock;
    }

    record Choice(String purpose, boolean granted) {}

    @GetMapping("/u/{token}")
    String page(@PathVariable String token, @RequestParam(required = false) String saved, Model model) {
        var read = read(token);
        return TenantScope.call(tenantOf(read), () -> {
            var choices = consents.current(read.contactId()).stream()
                    .filter(current -> current.channel() == read.channel())
                    .map(current -> new Choice(current.purpose(), current.granted()))
                    .toList();
            model.addAttribute("token", token);
            model.addAttribute("channel", read.channel().name());
            model.addAttribute("choices", choices);
            model.addAttribute("suppressed", suppressed(read));
            model.addAttribute("saved", saved != null);
            return "consent/preferences";
        });
    }

    /** RFC 8058: the body is {@code List-Unsubscribe=One-Click}; effective at once, answered without a page. */
    @PostMapping(value = "/u/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> oneClick(@PathVariable String token, HttpServletRequest request) {
        var read = read(token);
        var value = request.getParameter("List-Unsubscribe");
        if (!"One-Click".equals(value)) {
            return ResponseEntity.badRequest().body("Expected " + ONE_CLICK);
        }
        TenantScope.run(tenantOf(read), () -> unsubscribeFromChannel(read, ConsentMethod.ONE_CLICK, request));
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("Unsubscribed");
    }

    @PostMapping("/u/{token}/preferences")
    String save(
            @PathVariable String token,
            @RequestParam(required = false) List<String> keep,
            @RequestParam(required = false) String everything,
            HttpServletRequest request) {
        var read = read(token);
        TenantScope.run(tenantOf(read), () -> {
            if (everything != null) {
                unsubscribeFromChannel(read, ConsentMethod.PREFERENCE_PAGE, request);
                return;
            }
            var kept = keep == null ? Set.<String>of() : Set.copyOf(keep);
            transactions.executeWithoutResult(status -> {
                for (var current : consents.current(read.contactId())) {
                    if (current.channel() == read.channel() && current.granted() && !kept.contains(current.purpose())) {
                        consents.withdraw(
                                read.contactId(),
                                read.channel(),
                                current.purpose(),
                                ConsentMethod.PREFERENCE_PAGE,
                                evidence(request, "Unticked on the preference page"));
                    }
                }
            });
        });
        return "redirect:/u/" + token + "?saved";
    }

    private void unsubscribeFromChannel(UnsubscribeToken read, ConsentMethod method, HttpServletRequest request) {
        transactions.executeWithoutResult(status -> {
            consents.withdrawAll(
                    read.contactId(), read.channel(), method, evidence(request, "Unsubscribed from all messages"));
            contacts.address(read.contactId(), read.channel())
                    .ifPresent(
                            address -> consents.suppress(read.channel(), address, SuppressionReason.UNSUBSCRIBE, null));
        });
    }

    private boolean suppressed(UnsubscribeToken read) {
        return contacts.address(read.contactId(), read.channel())
                .map(address -> consents.isSuppressed(read.channel(), address))
                .orElse(true);
    }

    private Evidence evidence(HttpServletRequest request, String text) {
        var agent = Optional.ofNullable(request.getHeader("User-Agent"))
                .map(value -> value.length() > 1000 ? value.substring(0, 1000) : value)
                .orElse(null);
        return new Evidence(
                text, null, request.getRequestURL().toString(), request.getRemoteAddr(), agent, clock.instant());
    }

    private UnsubscribeToken read(String token) {
        return UnsubscribeToken.verify(token, consents.tokenSecret())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static TenantId tenantOf(UnsubscribeToken token) {
        return new TenantId(token.tenantId());
    }
}
