package clipcast.cli;

import clipcast.tenancy.ApiKeyScope;
import clipcast.tenancy.Plan;
import clipcast.tenancy.Role;
import clipcast.tenancy.Tenancy;
import clipcast.tenancy.TenantScope;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** What the commands do, once the application context (and so the database) is up. */
@Component
class Commands {

    static final String DEMO_SLUG = "demo";
    static final String DEMO_OWNER = "owner@demo.clipcast.test";

    private final Tenancy tenancy;
    private final Flyway flyway;
    private final String publicUrl;
    private final DemoCoupons demoCoupons;
    private final DemoContacts demoContacts;
    private final DemoCampaigns demoCampaigns;

    Commands(
            Tenancy tenancy,
            Flyway flyway,
            @Value("${clipcast.public-url}") String publicUrl,
            DemoCoupons demoCoupons,
            DemoContacts demoContacts,
            DemoCampaigns demoCampaigns) {
        this.demoContacts = demoContacts;
        this.demoCampaigns = demoCampaigns;
        this.tenancy = tenancy;
        this.demoCoupons = demoCoupons;
        this.flyway = flyway;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    /** Creates the demo tenant once; every run mints a fresh key and password, since neither is stored readable. */
    int demo(PrintStream out) {
        var tenant = tenancy.findOrCreateTenant(DEMO_SLUG, "Demo Coffee Roasters", Plan.SILVER);
        var password = Tenancy.generatePassword();
        var key = TenantScope.call(tenant.id(), () -> {
            tenancy.findUser(DEMO_OWNER)
                    .ifPresentOrElse(
                            user -> tenancy.changePassword(user.id(), password),
                            () -> tenancy.createUser(DEMO_OWNER, Role.OWNER, password));
            return tenancy.issueApiKey("demo", ApiKeyScope.FULL);
        });
        out.println("Demo tenant: " + tenant.name() + " (" + tenant.slug() + ")");
        out.println("API key: " + key.secret());
        out.println("Dashboard: " + publicUrl + "/app  (sign in as " + DEMO_OWNER + " / " + password + ")");
        demoContacts.seed(tenant.id(), out);
        demoCoupons.printCoupon(tenant, out);
        demoCampaigns.seed(tenant.id(), out);
        return 0;
    }

    int createTenant(Command.TenantCreate create, PrintStream out, PrintStream err) {
        var plan = parsePlan(create.plan());
        if (plan.isEmpty()) {
            err.println("clipcast: unknown plan " + create.plan() + "; one of " + Arrays.toString(Plan.values()));
            return 2;
        }
        try {
            var tenant = tenancy.createTenant(create.name(), plan.get());
            var key = TenantScope.call(tenant.id(), () -> tenancy.issueApiKey("initial", ApiKeyScope.FULL));
            out.println("Tenant: " + tenant.name() + " (" + tenant.slug() + ", " + tenant.id() + ", plan "
                    + tenant.plan() + ")");
            out.println("API key: " + key.secret());
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("clipcast: " + e.getMessage());
            return 2;
        }
    }

    int createUser(Command.UserCreate create, PrintStream out, PrintStream err) {
        Role role;
        try {
            role = Role.valueOf(create.role().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            err.println("clipcast: unknown role " + create.role() + "; one of " + Arrays.toString(Role.values()));
            return 2;
        }
        if (role.belongsToTenant() != create.tenantSlug().isPresent()) {
            err.println("clipcast: "
                    + (role.belongsToTenant()
                            ? "--tenant SLUG is required for " + role
                            : "an operator belongs to no tenant"));
            return 2;
        }
        if (tenancy.findUser(create.email()).isPresent()) {
            err.println("clipcast: a user with this email exists already");
            return 2;
        }
        var password = Tenancy.generatePassword();
        if (role.belongsToTenant()) {
            var tenant = tenancy.findTenantBySlug(create.tenantSlug().orElseThrow());
            if (tenant.isEmpty()) {
                err.println("clipcast: no tenant " + create.tenantSlug().get());
                return 2;
            }
            TenantScope.call(tenant.get().id(), () -> tenancy.createUser(create.email(), role, password));
        } else {
            TenantScope.callAsPlatform(() -> tenancy.createUser(create.email(), role, password));
        }
        out.println("User: " + create.email().strip().toLowerCase(Locale.ROOT) + " (" + role + ")");
        out.println("Password: " + password);
        return 0;
    }

    int migrated(PrintStream out) {
        var current = flyway.info().current();
        out.println("Database schema at version " + (current == null ? "none" : current.getVersion()));
        return 0;
    }

    void printWhereToLook(PrintStream out) {
        out.println("Clipcast is running: " + publicUrl + "/app  (API " + publicUrl + "/api/v1, OpenAPI " + publicUrl
                + "/api/openapi.json, health " + publicUrl + "/actuator/health)");
    }

    private static Optional<Plan> parsePlan(String text) {
        try {
            return Optional.of(Plan.valueOf(text.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
