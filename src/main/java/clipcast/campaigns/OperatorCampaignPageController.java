package clipcast.campaigns;

import clipcast.tenancy.Tenancy;
import clipcast.tenancy.Tenant;
import clipcast.tenancy.TenantId;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator console's held campaigns (staged releases over their thresholds), across tenants: release the rest,
 * or decline it and perhaps freeze the account. Only the OPERATOR role reaches {@code /operator/**}.
 */
@Controller
@RequestMapping("/operator/campaigns")
class OperatorCampaignPageController {

    static final int MAX_REASON = 500;

    private final Campaigns campaigns;
    private final Tenancy tenancy;

    OperatorCampaignPageController(Campaigns campaigns, Tenancy tenancy) {
        this.campaigns = campaigns;
        this.tenancy = tenancy;
    }

    @GetMapping
    String held(Model model) {
        var held = campaigns.held();
        var tenants = new LinkedHashMap<TenantId, String>();
        // Held campaigns are few (each is an incident), so their tenants are looked up one by one.
        held.forEach(campaign -> tenants.computeIfAbsent(
                campaign.tenant(),
                id -> tenancy.findTenant(id).map(Tenant::name).orElse(id.value().toString())));
        model.addAttribute("held", held);
        model.addAttribute("tenants", tenants);
        return "campaigns/operator-held";
    }

    @PostMapping("/{tenantId}/{id}/release")
    String release(
            @PathVariable UUID tenantId,
            @PathVariable UUID id,
            RedirectAttributes redirect,
            Model model,
            HttpServletResponse response) {
        return decided(
                campaigns.release(new TenantId(tenantId), id),
                "campaigns.operator.released",
                redirect,
                model,
                response);
    }

    @PostMapping("/{tenantId}/{id}/decline")
    String decline(
            @PathVariable UUID tenantId,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "false") boolean freeze,
            @RequestParam(required = false) String reason,
            RedirectAttributes redirect,
            Model model,
            HttpServletResponse response) {
        var given = reason == null || reason.isBlank() ? null : reason.strip();
        if (given != null && (given.length() > MAX_REASON || given.codePoints().anyMatch(Character::isISOControl))) {
            return refused(HttpStatus.BAD_REQUEST, "campaigns.operator.badReason", null, model, response);
        }
        return decided(
                campaigns.decline(new TenantId(tenantId), id, freeze, given),
                freeze ? "campaigns.operator.declinedAndFrozen" : "campaigns.operator.declined",
                redirect,
                model,
                response);
    }

    private String decided(
            Campaigns.Changed changed,
            String done,
            RedirectAttributes redirect,
            Model model,
            HttpServletResponse response) {
        return switch (changed) {
            case Campaigns.Changed.Done campaign -> {
                redirect.addFlashAttribute("notice", done);
                yield "redirect:/operator/campaigns";
            }
            case Campaigns.Changed.NotFound missing ->
                refused(HttpStatus.NOT_FOUND, "campaigns.operator.gone", null, model, response);
            case Campaigns.Changed.WrongState(var status) ->
                refused(HttpStatus.CONFLICT, "campaigns.operator.notHeld", status.name(), model, response);
        };
    }

    /** The console again, saying why the decision was not taken, with the status that says so. */
    private String refused(
            HttpStatus status, String messageKey, String argument, Model model, HttpServletResponse response) {
        response.setStatus(status.value());
        model.addAttribute("error", messageKey);
        model.addAttribute("errorArgument", argument);
        return held(model);
    }
}
