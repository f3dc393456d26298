package clipcast.contacts;

import clipcast.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The public pages of a subscription: the hosted form ({@code /f/{id}}, CSRF-protected, consent box never
 * pre-ticked, a hidden field that only bots fill) and the confirmation link ({@code /confirm/{token}}), whose GET
 * only asks and whose button (a POST) confirms — so a link scanner cannot subscribe anyone.
 */
@Controller
class FormPageController {

    private final Forms forms;

    FormPageController(Forms forms) {
        this.forms = forms;
    }

    @GetMapping("/f/{formId}")
    String form(@PathVariable String formId, Model model) {
        var id = parse(formId);
        var tenant = forms.tenantOf(id).orElseThrow(FormPageController::notFound);
        var form = TenantScope.call(tenant, () -> forms.find(id)).orElseThrow(FormPageController::notFound);
        model.addAttribute("form", form);
        model.addAttribute("values", Map.of());
        model.addAttribute("problems", Map.of());
        return "contacts/form";
    }

    @PostMapping("/f/{formId}")
    String submit(
            @PathVariable String formId,
            @RequestParam Map<String, String> params,
            HttpServletRequest request,
            Model model) {
        var id = parse(formId);
        var tenant = forms.tenantOf(id).orElseThrow(FormPageController::notFound);
        return TenantScope.call(tenant, () -> {
            var form = forms.find(id).orElseThrow(FormPageController::notFound);
            var values = new LinkedHashMap<String, String>();
            values.put("email", trimmed(params.get("email")));
            for (var field : form.fields()) {
                values.put(field, trimmed(params.get(field)));
            }
            int version;
            try {
                version = Integer.parseInt(params.getOrDefault("version", "0"));
            } catch (NumberFormatException e) {
                version = 0;
            }
            var agent = Optional.ofNullable(request.getHeader("User-Agent"))
                    .map(value -> value.length() > 1000 ? value.substring(0, 1000) : value)
                    .orElse(null);
            var outcome = forms.submit(
                    form,
                    new Forms.Submission(
                            values,
                            "yes".equals(params.get("consent")),
                            version,
                            params.get("website"),
                            request.getRemoteAddr(),
                            agent,
                            forms.url(id)));
            return switch (outcome) {
                case Forms.Submitted.ConfirmationSent sent -> {
                    model.addAttribute("form", form);
                    yield "contacts/form-sent";
                }
                case Forms.Submitted.Invalid(var problems) -> {
                    model.addAttribute("form", form);
                    model.addAttribute("values", values);
                    model.addAttribute("problems", problems);
                    yield "contacts/form";
                }
            };
        });
    }

    @GetMapping("/confirm/{token}")
    String confirmation(@PathVariable String token, Model model) {
        model.addAttribute("token", token);
        var state = forms.check(token);
        model.addAttribute("outcome", state == Forms.Confirmation.CONFIRMED ? "ASK" : state.name());
        return "contacts/confirm";
    }

    @PostMapping("/confirm/{token}")
    String confirm(@PathVariable String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("outcome", forms.confirm(token).name());
        return "contacts/confirm";
    }

    private static String trimmed(String value) {
        return value == null ? null : value.length() > 1000 ? value.substring(0, 1000) : value.strip();
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
