package clipcast.cli;

import static clipcast.support.ClipcastProcesses.apiKey;
import static clipcast.support.ClipcastProcesses.freePort;
import static clipcast.support.ClipcastProcesses.output;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastProcesses;
import clipcast.support.HttpApi;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The jar's commands as an operator runs them: real processes, one data dir, one embedded PostgreSQL. */
class ServeProcessTest {

    @TempDir
    Path dataDir;

    ClipcastProcesses processes;

    @BeforeEach
    void processes() {
        processes = new ClipcastProcesses(dataDir, "256m");
    }

    @AfterEach
    void stopEverything() throws Exception {
        processes.stopAll();
    }

    @Test
    void demo_attaches_to_a_running_server_and_the_data_survives_a_clean_restart() throws Exception {
        int port = freePort();
        var server = processes.serve(port, Map.of());
        var api = new HttpApi(port, null);

        var demo = processes.run("demo", "--data-dir", dataDir.toString());
        var printed = output(demo);
        assertThat(demo.exitValue()).as(printed).isZero();
        var key = apiKey(printed);
        assertThat(api.withKey(key).get("/api/v1/tenant").json().get("slug").asString())
                .isEqualTo("demo");
        assertThat(printed).contains("Campaign: ");

        server.destroy(); // SIGTERM
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dataDir.resolve("postgres/postmaster.pid"))
                .as("the embedded PostgreSQL stopped with the server")
                .doesNotExist();

        var restarted = processes.serve(port, Map.of("SPRING_PROFILES_ACTIVE", "json-logs"));
        assertThat(api.withKey(key).get("/api/v1/tenant").status())
                .as("tenant and key survived the restart")
                .isEqualTo(200);
        var json = JsonMapper.builder().build();
        var startedLines = processes
                .logOf(restarted)
                .lines()
                .filter(line -> line.contains("Started"))
                .toList();
        assertThat(startedLines)
                .as("the json-logs profile writes one JSON object per line")
                .singleElement()
                .satisfies(line -> {
                    var entry = json.readTree(line);
                    assertThat(entry.get("log").get("level").asString()).isEqualTo("INFO");
                    assertThat(entry.get("message").asString()).startsWith("Started");
                });
    }

    @Test
    void with_CLIPCAST_DB_URL_it_uses_that_database_and_starts_none_of_its_own() throws Exception {
        int port = freePort();
        processes.serve(port, Map.of());
        var elsewhere = dataDir.resolve("unused-data-dir");

        var create = processes.run(
                Map.of(
                        "CLIPCAST_DB_URL",
                        "jdbc:postgresql://localhost:" + processes.postgresPort() + "/clipcast",
                        "CLIPCAST_DB_USER",
                        "clipcast"),
                "tenant",
                "create",
                "--name",
                "External Bakery",
                "--data-dir",
                elsewhere.toString());
        var printed = output(create);

        assertThat(create.exitValue()).as(printed).isZero();
        assertThat(new HttpApi(port, apiKey(printed))
                        .get("/api/v1/tenant")
                        .json()
                        .get("name")
                        .asString())
                .isEqualTo("External Bakery");
        assertThat(elsewhere.resolve("postgres")).doesNotExist();
    }
}
