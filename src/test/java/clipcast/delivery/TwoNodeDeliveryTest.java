package clipcast.delivery;

import static clipcast.support.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.cli.ClipcastCommandLine;
import clipcast.support.HttpApi;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Clipcast processes on one database send one campaign to 10,000 recipients through one SMTP server; one is
 * killed with SIGKILL mid-way and started again. Nobody gets two messages and everyone gets one: the killed node's
 * unfinished claims come back after their lease, and what it had handed to SMTP is never sent again (see the
 * assertion for the one exception SMTP leaves open).
 */
class TwoNodeDeliveryTest {

    static final int RECIPIENTS = 10_000;
    static final int WORKERS = 4;
    static final Pattern API_KEY_LINE = Pattern.compile("(?m)^API key: (cc_\\S+)$");

    @TempDir
    Path dataDir;

    final List<Process> started = new ArrayList<>();
    final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

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
        smtp.stop();
    }

    @Test
    void a_node_killed_mid_campaign_and_restarted_leaves_every_recipient_with_exactly_one_message() throws Exception {
        smtp.start();
        int portA = freePort();
        int portB = freePort();
        var nodeA = serve(portA, Map.of(), "a");
        var dbPort = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                .get(3)
                .strip();
        var jdbcUrl = "jdbc:postgresql://localhost:" + dbPort + "/clipcast";
        var external = Map.of("CLIPCAST_DB_URL", jdbcUrl, "CLIPCAST_DB_USER", "clipcast");
        var nodeB = serve(portB, external, "b");

        var created = run("tenant", "create", "--name", "Two Node Bakery", "--data-dir", dataDir.toString());
        var matcher = API_KEY_LINE.matcher(created);
        assertThat(matcher.find()).as(created).isTrue();
        var api = new HttpApi(portA, matcher.group(1));

        // Set-up through the API, except the sender's confirmation link, which is read from the database.
        assertThat(put(
                                api,
                                "/api/v1/sender-profile",
                                json(
                                        "legalName", "Two Node Bakery SAS",
                                        "postalAddress", "1 place du Marché, 69001 Lyon",
                                        "contactEmail", "owner@two-node.example"))
                        .status())
                .isEqualTo(200);
        var sender = api.post("/api/v1/senders", json("kind", "EMAIL", "address", "offers@two-node.example"));
        assertThat(sender.status()).as(sender.body()).isEqualTo(201);
        prepareAccount(jdbcUrl);
        var csv = new StringBuilder("email,first name\n");
        for (int i = 0; i < RECIPIENTS; i++) {
            csv.append("r").append(i).append("@example.org,R").append(i).append('\n');
        }
        var upload = api.postMultipart(
                "/api/v1/imports",
                attestation(),
                "file",
                "list.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(upload.status()).as(upload.body()).isEqualTo(202);
        waitFor(
                Duration.ofMinutes(2),
                "import",
                () -> api.get("/api/v1/imports/" + upload.json().get("id").asString())
                        .json()
                        .get("status")
                        .asString()
                        .equals("DONE"));
        // The imported contacts are in no list: the audience names them by id.
        var ids = contactIds(jdbcUrl);
        assertThat(ids).hasSize(RECIPIENTS);
        var campaign = api.post(
                "/api/v1/campaigns",
                json(
                        "name", "Ten thousand",
                        "channel", "EMAIL",
                        "purpose", "marketing",
                        "sender", sender.json().get("id").asString(),
                        "audience", json("contactIds", ids),
                        "subject", "Hello {{contact.firstName}}",
                        "body", "A warm croissant waits for you, {{contact.firstName}}."));
        assertThat(campaign.status()).as(campaign.body()).isEqualTo(201);
        var id = campaign.json().get("id").asString();

        var launch = api.post("/api/v1/campaigns/" + id + "/launch", json());
        assertThat(launch.status()).as(launch.body()).isEqualTo(202);

        waitFor(Duration.ofMinutes(2), "a third sent", () -> smtp.getReceivedMessages().length >= RECIPIENTS / 3);
        nodeB.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int atKill = smtp.getReceivedMessages().length;
        serve(portB, external, "b-restarted");

        waitFor(Duration.ofMinutes(3), "every message settled", () -> {
            var delivery = api.get("/api/v1/campaigns/" + id).json().get("delivery");
            return delivery.get("held").asInt()
                            + delivery.get("queued").asInt()
                            + delivery.get("sending").asInt()
                    == 0;
        });
        Thread.sleep(1_000);

        var perRecipient = new HashMap<String, Integer>();
        for (var message : smtp.getReceivedMessages()) {
            for (Address to : message.getAllRecipients()) {
                perRecipient.merge(to.toString(), 1, Integer::sum);
            }
        }
        var twice =
                perRecipient.entrySet().stream().filter(e -> e.getValue() > 1).toList();
        assertThat(twice).as("nobody gets a second message").isEmpty();
        // SMTP has no two-phase commit: a node killed in the instant between recording a message's hand-off and
        // writing its final "." leaves a message recorded as sent (in doubt) that never arrived. That is the price
        // of never sending twice; it can only be a message the killed node had in flight, at most one per worker.
        var missing = notReceived(jdbcUrl, perRecipient);
        assertThat(missing)
                .as("everyone gets one, save in-doubt messages of the killed node (killed at %d)", atKill)
                .allMatch(row -> row.contains(" SENT IN_DOUBT "))
                .hasSizeLessThanOrEqualTo(WORKERS);
        assertThat(perRecipient.size() + missing.size()).isEqualTo(RECIPIENTS);
        var delivery = api.get("/api/v1/campaigns/" + id).json().get("delivery");
        assertThat(delivery.get("sent").asInt()).isEqualTo(RECIPIENTS);
        assertThat(nodeA.isAlive()).isTrue();
    }

    private static Map<String, String> attestation() {
        var fields = new LinkedHashMap<String, String>();
        fields.put("channel", "EMAIL");
        fields.put("purpose", "marketing");
        fields.put("consentMethod", "POINT_OF_SALE");
        fields.put("consentText", "Yes, I want the weekly coupons by email.");
        fields.put("sourceDescription", "Sign-up sheets at the shop");
        fields.put("collectedAt", "2026-03-01T09:00:00Z");
        fields.put("notPurchased", "true");
        return fields;
    }

    private static HttpApi.Reply put(HttpApi api, String path, Object body) {
        return api.send(api.request(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(body))));
    }

    /** The sender confirmed (as its link would) and credits for 10,000 messages (as the operator would add). */
    private static void prepareAccount(String jdbcUrl) throws Exception {
        try (var connection = DriverManager.getConnection(jdbcUrl, "clipcast", "");
                var statement = connection.createStatement()) {
            statement.execute("SELECT set_config('clipcast.scope', 'platform', false)");
            statement.execute("UPDATE sender SET status = 'VERIFIED', verified_at = now(), token_hash = NULL");
            statement.execute("UPDATE tenant SET message_credits = 100000");
        }
    }

    private static List<String> notReceived(String jdbcUrl, Map<String, Integer> received) throws Exception {
        try (var connection = DriverManager.getConnection(jdbcUrl, "clipcast", "");
                var statement = connection.createStatement()) {
            statement.execute("SELECT set_config('clipcast.scope', 'platform', false)");
            var rows = new ArrayList<String>();
            try (var result = statement.executeQuery("SELECT address, status, failure_code, attempts, handed_at,"
                    + " sent_at, claimed_by FROM outbox_message")) {
                while (result.next()) {
                    if (!received.containsKey(result.getString(1))) {
                        rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3) + " "
                                + result.getInt(4) + " handed " + result.getString(5) + " sent " + result.getString(6)
                                + " by " + result.getString(7));
                    }
                }
            }
            return rows;
        }
    }

    private static List<String> contactIds(String jdbcUrl) throws Exception {
        try (var connection = DriverManager.getConnection(jdbcUrl, "clipcast", "");
                var statement = connection.createStatement()) {
            statement.execute("SELECT set_config('clipcast.scope', 'platform', false)");
            var ids = new ArrayList<String>();
            try (var rows = statement.executeQuery("SELECT id FROM contact ORDER BY id")) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    private Process serve(int port, Map<String, String> environment, String name)
            throws IOException, InterruptedException {
        var log = dataDir.resolve("serve-" + name + ".log");
        var builder = command("serve", "--port", String.valueOf(port), "--data-dir", dataDir.toString());
        builder.environment().putAll(environment);
        builder.environment().put("CLIPCAST_SMTP_HOST", "127.0.0.1");
        builder.environment()
                .put("CLIPCAST_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()));
        // Everything in one sample, leases short enough for the test to see a reclaim, limits out of the way.
        builder.environment().put("CLIPCAST_CAMPAIGNS_STAGED_SAMPLE_PERCENT", "100");
        builder.environment().put("CLIPCAST_CAMPAIGNS_STAGED_SAMPLE_MAX", "1000000");
        builder.environment().put("CLIPCAST_DELIVERY_LEASE", "10s");
        builder.environment().put("CLIPCAST_DELIVERY_WORKERS", String.valueOf(WORKERS));
        builder.environment().put("CLIPCAST_DELIVERY_DOMAIN_PER_SECOND", "100000");
        var process =
                builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
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

    private String run(String... args) throws IOException, InterruptedException {
        var process = command(args).redirectErrorStream(true).start();
        started.add(process);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static ProcessBuilder command(String... args) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ClipcastCommandLine.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static void waitFor(Duration limit, String what, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        var deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within " + limit + ": " + what);
            }
            Thread.sleep(200);
        }
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
