package clipcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The one-shot commands, run in this JVM against the test database while the test server runs on it. */
@ClipcastTest
class CommandLineTest {

    static final Pattern API_KEY_LINE = Pattern.compile("(?m)^API key: (cc_\\S+)$");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    record Run(int status, String out, String err) {}

    static Run clipcast(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var withDataDir = java.util.stream.Stream.concat(
                        java.util.Arrays.stream(args), java.util.stream.Stream.of("--data-dir", "target/test-data"))
                .toArray(String[]::new);
        int status = ClipcastCommandLine.run(
                withDataDir,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String apiKeyIn(String output) {
        var matcher = API_KEY_LINE.matcher(output);
        assertThat(matcher.find()).as("an 'API key: ...' line in:%n%s", output).isTrue();
        return matcher.group(1);
    }

    @Test
    void demo_twice_makes_one_tenant_and_prints_a_working_key_each_time() {
        var first = clipcast("demo");
        var second = clipcast("demo");

        assertThat(first.status()).as(first.err()).isZero();
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(first.out()).contains("Dashboard: ", "/app");
        long demoTenants = jdbc.sql("SELECT count(*) FROM tenant WHERE slug = 'demo'")
                .query(Long.class)
                .single();
        assertThat(demoTenants).isEqualTo(1);
        for (var run : new Run[] {first, second}) {
            var tenant = new HttpApi(port, apiKeyIn(run.out())).get("/api/v1/tenant");
            assertThat(tenant.status()).isEqualTo(200);
            assertThat(tenant.json().get("slug").asString()).isEqualTo("demo");
        }
    }

    @Test
    void tenant_create_prints_a_key_for_the_new_tenant() {
        var run = clipcast("tenant", "create", "--name", "Corner Bakery", "--plan", "bronze");

        assertThat(run.status()).as(run.err()).isZero();
        var tenant =
                new HttpApi(port, apiKeyIn(run.out())).get("/api/v1/tenant").json();
        assertThat(tenant.get("name").asString()).isEqualTo("Corner Bakery");
        assertThat(tenant.get("plan").asString()).isEqualTo("BRONZE");
    }

    @Test
    void tenant_create_with_an_unknown_plan_says_so_and_creates_nothing() {
        long before = jdbc.sql("SELECT count(*) FROM tenant").query(Long.class).single();

        var run = clipcast("tenant", "create", "--name", "Nope Ltd", "--plan", "PLATINUM");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("PLATINUM");
        assertThat(jdbc.sql("SELECT count(*) FROM tenant").query(Long.class).single())
                .isEqualTo(before);
    }

    @Test
    void db_migrate_reports_the_schema_version() {
        var run = clipcast("db", "migrate");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("schema at version \\d");
    }
}
