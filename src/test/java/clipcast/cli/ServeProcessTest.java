package clipcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.HttpApi;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The commands as separate processes, as an operator runs them: {@code serve} owns the embedded PostgreSQL in its
 * data dir, {@code demo} attaches to it while it runs, a SIGTERM stops both cleanly, and the data survives a restart.
 */
class ServeProcessTest {

    static final Pattern API_KEY_LINE = Pattern.compile("(?m)^API key: (cc_\\S+)$");

    @TempDir
    Path dataDir;

    final List<Process> started = new ArrayList<>();
    final Map<Process, Path> logs = new HashMap<>();

    private Path logOf(Process process) {
        return logs.get(process);
    }

    /** Stops servers the way an operator does (SIGTERM, so each stops its PostgreSQL), and any postmaster left. */
    @AfterEach
    void stopEverything() throws Exception {
        started.forEach(Process::destroy);
        for (var process : started) {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        var pidFile = dataDir.resolve("postgres/postmaster.pid");
        if (Files.exists(pidFile)) {
            var postmaster = ProcessHandle.of(
                    Long.parseLong(Files.readAllLines(pidFile).getFirst().strip()));
            postmaster.ifPresent(ProcessHandle::destroy);
            if (postmaster.isPresent()) {
                postmaster.get().onExit().get(60, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void demo_attaches_to_a_running_server_and_the_data_survives_a_clean_restart() throws Exception {
        int port = freePort();
        var server = serve(port);
        var api = new HttpApi(port, null);

        var demo = run("demo", "--data-dir", dataDir.toString());
        var printed = output(demo);
        assertThat(demo.exitValue()).as(printed).isZero();
        var key = apiKey(printed);
        assertThat(api.withKey(key).get("/api/v1/tenant").json().get("slug").asString())
                .isEqualTo("demo");

        server.destroy(); // SIGTERM
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dataDir.resolve("postgres/postmaster.pid"))
                .as("the embedded PostgreSQL stopped with the server")
                .doesNotExist();

        var restarted = serve(port, Map.of("SPRING_PROFILES_ACTIVE", "json-logs"));
        assertThat(api.withKey(key).get("/api/v1/tenant").status())
                .as("tenant and key survived the restart")
                .isEqualTo(200);
        var json = JsonMapper.builder().build();
        var startedLines = read(logOf(restarted))
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
        serve(port);
        var postgresPort = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                .get(3)
                .strip();
        var elsewhere = dataDir.resolve("unused-data-dir");

        var builder = command("tenant", "create", "--name", "External Bakery", "--data-dir", elsewhere.toString());
        builder.environment().put("CLIPCAST_DB_URL", "jdbc:postgresql://localhost:" + postgresPort + "/clipcast");
        builder.environment().put("CLIPCAST_DB_USER", "clipcast");
        var create = builder.redirectErrorStream(true).start();
        started.add(create);
        assertThat(create.waitFor(120, TimeUnit.SECONDS)).isTrue();
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

    private Process serve(int port) throws IOException, InterruptedException {
        return serve(port, Map.of());
    }

    private Process serve(int port, Map<String, String> environment) throws IOException, InterruptedException {
        var log = dataDir.resolve("serve-" + Instant.now().toEpochMilli() + ".log");
        var builder = command("serve", "--port", String.valueOf(port), "--data-dir", dataDir.toString());
        builder.environment().putAll(environment);
        var process =
                builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        logs.put(process, log);
        started.add(process);
        var deadline = Instant.now().plus(Duration.ofSeconds(120));
        var health = new HttpApi(port, null);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as(() -> read(log)).isTrue();
            try {
                if (health.get("/actuator/health").status() == 200) {
                    return process;
                }
            } catch (IllegalStateException notYet) {
                // connection refused while starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("serve did not become healthy:\n" + read(log));
    }

    private Process run(String... args) throws IOException, InterruptedException {
        var process = command(args).redirectErrorStream(true).start();
        started.add(process);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return process;
    }

    private static ProcessBuilder command(String... args) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ClipcastCommandLine.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private String apiKey(String output) {
        var matcher = API_KEY_LINE.matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
        return matcher.group(1);
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
