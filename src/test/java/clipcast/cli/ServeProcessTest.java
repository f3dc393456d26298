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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands as separate processes, as an operator runs them: {@code serve} owns the embedded PostgreSQL in its
 * data dir, {@code demo} attaches to it while it runs, a SIGTERM stops both cleanly, and the data survives a restart.
 */
class ServeProcessTest {

    static final Pattern API_KEY_LINE = Pattern.compile("(?m)^API key: (cc_\\S+)$");

    @TempDir
    Path dataDir;

    final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        started.forEach(Process::destroyForcibly);
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

        serve(port);
        assertThat(api.withKey(key).get("/api/v1/tenant").status())
                .as("tenant and key survived the restart")
                .isEqualTo(200);
    }

    private Process serve(int port) throws IOException, InterruptedException {
        var log = dataDir.resolve("serve-" + Instant.now().toEpochMilli() + ".log");
        var process = command("serve", "--port", String.valueOf(port), "--data-dir", dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
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
