package clipcast.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@ClipcastTest
class InteractionMeterTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    InteractionMeter meter;

    @Test
    void api_responses_carry_the_usage_and_warn_at_80_and_100_percent_of_the_plan() {
        var shop = tenants.create("Metered Shop", Plan.LITE);
        var api = new HttpApi(port, shop.apiKey());

        var fresh = api.get("/api/v1/tenant");
        record(shop.tenant().id(), 2_000);
        var eighty = api.get("/api/v1/tenant");
        record(shop.tenant().id(), 500);
        var full = api.get("/api/v1/tenant");

        assertThat(fresh.header("X-Clipcast-Usage")).isEqualTo("0/2500");
        assertThat(fresh.header("X-Clipcast-Usage-Warning")).isNull();
        assertThat(eighty.header("X-Clipcast-Usage")).isEqualTo("2000/2500");
        assertThat(eighty.header("X-Clipcast-Usage-Warning")).isEqualTo("80%");
        assertThat(full.header("X-Clipcast-Usage-Warning")).startsWith("100%");
    }

    @Test
    void each_tenant_is_metered_on_its_own() {
        var busy = tenants.create("Busy Meter Shop", Plan.LITE);
        var quiet = tenants.create("Quiet Meter Shop", Plan.GOLD);

        record(busy.tenant().id(), 10);

        assertThat(TenantScope.call(quiet.tenant().id(), () -> meter.usage()).used())
                .isZero();
        assertThat(TenantScope.call(busy.tenant().id(), () -> meter.usage()).used())
                .isEqualTo(10);
        assertThat(TenantScope.call(quiet.tenant().id(), () -> meter.usage()).limit())
                .isEqualTo(250_000);
    }

    private void record(TenantId tenant, int times) {
        for (int i = 0; i < times; i++) {
            meter.record(tenant, Interaction.IMPRESSION);
        }
        meter.flush();
    }
}
