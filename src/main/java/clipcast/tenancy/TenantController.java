package clipcast.tenancy;

import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The calling key's own tenant. */
@RestController
class TenantController {

    private final Tenancy tenancy;

    TenantController(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    record TenantView(
            UUID id,
            String slug,
            String name,
            Plan plan,
            int monthlyInteractions,
            TenantStatus status,
            long messageCredits) {}

    @GetMapping("/api/v1/tenant")
    TenantView current() {
        var tenant = tenancy.currentTenant();
        return new TenantView(
                tenant.id().value(),
                tenant.slug(),
                tenant.name(),
                tenant.plan(),
                tenant.plan().monthlyInteractions(),
                tenant.status(),
                tenant.messageCredits());
    }
}
