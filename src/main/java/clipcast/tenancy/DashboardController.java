package clipcast.tenancy;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The dashboard's home: the signed-in person's account, plan and keys. Modules add their own pages beside it. */
@Controller
class DashboardController {

    private final Tenancy tenancy;
    private final InteractionMeter meter;

    DashboardController(Tenancy tenancy, InteractionMeter meter) {
        this.tenancy = tenancy;
        this.meter = meter;
    }

    @GetMapping("/app")
    String home(@AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("user", user);
        if (user.tenantId() != null) {
            model.addAttribute("tenant", tenancy.currentTenant());
            model.addAttribute("apiKeys", tenancy.apiKeys());
            model.addAttribute("usage", meter.usage());
        }
        return "dashboard";
    }
}
