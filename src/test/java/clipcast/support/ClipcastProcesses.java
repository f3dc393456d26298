package clipcast.support;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.cli.ClipcastCommandLine;
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

/**
 * Real Clipcast processes started from the test classpath on one data dir, as an operator runs them: {@code serve}
 * until healthy, one-shot commands, and a clean stop of everything (SIGTERM, then any postmaster left).
 */
public final class ClipcastProcesses {

    public static final Pattern API_KEY_LINE = Pattern.compile("(?m)^API key: (cc_\\S+)$");

    private final Path dataDir;
    private final String heap;
    private final List<Process> started = new ArrayList<>();
    private final Map<Process, Path> logs = new HashMap<>();

    public ClipcastProcesses(Path dataDir, String heap) {
        this.dataDir = dataDir;
        this.heap = heap;
    }

    /** Starts {@code serve} on the port with extra environment and waits until it answers its health check. */
    public Process serve(int port, Map<String, String> environment) throws IOException, InterruptedException {
        var log = dataDir.resolve("serve-" + port + "-" + Instant.now().toEpochMilli() + ".log");
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

    /** Runs a one-shot command to its end (at most two minutes). */
    public Process run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    /** Runs a one-shot command with extra environment to its end (at most two minutes). */
    public Process run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        var builder = command(args);
        builder.environment().putAll(environment);
        var process = builder.redirectErrorStream(true).start();
        started.add(process);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return process;
    }

    public String logOf(Process process) {
        return read(logs.get(process));
    }

    /** The PostgreSQL port of the embedded server in the data dir. */
    public String postgresPort() throws IOException {
        return Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                .get(3)
                .strip();
    }

    /** Stops servers the way an operator does (SIGTERM, so each stops its PostgreSQL), and any postmaster left. */
    public void stopAll() throws Exception {
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

    public static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    public static String apiKey(String output) {
        var matcher = API_KEY_LINE.matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
        return matcher.group(1);
    }

    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private ProcessBuilder command(String... args) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ClipcastCommandLine.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
