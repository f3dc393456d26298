package clipcast.coupons;

import clipcast.tenancy.SignedInUser;
import clipcast.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The cashier screen, sized for a phone: type or paste a code, validate it, redeem it. */
@Controller
@RequestMapping("/app/cashier")
class CashierController {

    private final Coupons coupons;
    private final GuessGuard guard;
    private final DiscountLabels labels;
    private final MessageSource messages;

    CashierController(Coupons coupons, GuessGuard guard, DiscountLabels labels, MessageSource messages) {
        this.coupons = coupons;
        this.guard = guard;
        this.labels = labels;
        this.messages = messages;
    }

    /** What the screen says after an action: a message key, its argument, and whether it is good news. */
    record Result(boolean ok, String messageKey, String argument, String reason) {
        String text(MessageSource messages) {
            return messages.getMessage(
                    messageKey, argument == null ? null : new Object[] {argument}, LocaleContextHolder.getLocale());
        }
    }

    @GetMapping
    String screen(@AuthenticationPrincipal SignedInUser user, Model model) {
        requireTenantUser(user);
        model.addAttribute("code", "");
        return "coupons/cashier";
    }

    @PostMapping
    String act(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "validate") String action,
            HttpServletRequest request,
            Model model) {
        requireTenantUser(user);
        var tenant = TenantScope.requireTenant();
        model.addAttribute("code", code.strip());
        if (code.isBlank() || code.length() > 100) {
            show(model, new Result(false, "cashier.codeRequired", null, "CODE_REQUIRED"));
            return "coupons/cashier";
        }
        var callers = List.of("user:" + user.id(), "addr:" + request.getRemoteAddr());
        if (guard.admit(tenant, callers).isPresent()) {
            show(model, new Result(false, "cashier.tooManyAttempts", null, "TOO_MANY"));
            return "coupons/cashier";
        }
        Result result;
        if ("redeem".equals(action)) {
            result = switch (coupons.redeem(RedemptionRequest.of(code))) {
                case RedemptionOutcome.Redeemed(var redemption) ->
                    new Result(true, "cashier.redeemed", redemption.code(), "REDEEMED");
                case RedemptionOutcome.Refused(var reason) -> refusal(tenant, callers, reason);
            };
            if (result.ok()) {
                model.addAttribute("code", "");
            }
        } else {
            result = switch (coupons.validate(code, null)) {
                case ValidationOutcome.Valid valid ->
                    new Result(
                            true,
                            "cashier.valid",
                            valid.offer().name() + " · "
                                    + labels.label(valid.offer().discount()),
                            "VALID");
                case ValidationOutcome.Refused(var reason) -> refusal(tenant, callers, reason);
            };
            model.addAttribute("validated", result.ok());
        }
        show(model, result);
        return "coupons/cashier";
    }

    private void show(Model model, Result result) {
        model.addAttribute("result", result);
        model.addAttribute("resultText", result.text(messages));
    }

    private Result refusal(
            clipcast.tenancy.TenantId tenant, List<String> callers, clipcast.coupons.domain.RefusalReason reason) {
        if (reason == clipcast.coupons.domain.RefusalReason.UNKNOWN_CODE) {
            guard.failed(tenant, callers);
        }
        return new Result(false, "cashier.refusal." + reason.name(), null, reason.name());
    }

    private static void requireTenantUser(SignedInUser user) {
        if (user == null || user.tenantId() == null) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }
}
