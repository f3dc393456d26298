package clipcast.web;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ClipcastTest
class PlatformEndpointsTest {

    @LocalServerPort
    int port;

    @Test
    void the_openapi_document_describes_the_api() {
        var reply = new HttpApi(port, null).get("/api/openapi.json");

        assertThat(reply.status()).isEqualTo(200);
        var document = reply.json();
        assertThat(document.get("openapi").asString()).startsWith("3.");
        assertThat(document.get("info").get("title").asString()).isEqualTo("Clipcast API");
        assertThat(document.get("components")
                        .get("securitySchemes")
                        .get("apiKey")
                        .get("scheme")
                        .asString())
                .isEqualTo("bearer");
        assertThat(document.get("paths").has("/api/v1/api-keys")).isTrue();
        assertThat(document.get("paths").has("/api/v1/tenant")).isTrue();
    }

    @Test
    void health_reports_up_including_the_database() {
        var reply = new HttpApi(port, null).get("/actuator/health");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void metrics_are_exported_for_prometheus() {
        var reply = new HttpApi(port, null).get("/actuator/prometheus");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("jvm_memory_used_bytes", "hikaricp_connections");
    }

    @Test
    void a_missing_page_gets_a_plain_page_without_details() {
        var reply = new HttpApi(port, null)
                .send(new HttpApi(port, null).request("/no/such/page").header("Accept", "text/html"));

        assertThat(reply.status()).isIn(302, 404);
        assertThat(reply.body()).doesNotContain("Exception", "Whitelabel");
    }
}
