package clipcast.delivery;

import static clipcast.support.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastProcesses;
import clipcast.support.HttpApi;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import java.io.IOException;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

    @TempDir
    Path dataDir;

    ClipcastProcesses processes;
    final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    @BeforeEach
    void processes() {
        processes = new ClipcastProcesses(dataDir, "384m");
    }

    @AfterEach
    void stopEverything() throws Exception {
        processes.stopAll();
        smtp.stop();
    }

    @Test
    void a_node_killed_mid_campaign_and_restarted_leaves_every_recipient_with_exactly_one_message() throws Exception {
        smtp.start();
        int portA = ClipcastProcesses.freePort();
        int portB = ClipcastProcesses.freePort();
        var nodeA = serve(portA, Map.of());
        var dbPort = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                .get(3)
                .strip();
        var jdbcUrl = "jdbc:postgresql://localhost:" + dbPort + "/clipcast";
        var external = Map.of("CLIPCAST_DB_URL", jdbcUrl, "CLIPCAST_DB_USER", "clipcast");
        var nodeB = serve(portB, external);

        var created = processes.run("tenant", "create", "--name", "Two Node Bakery", "--data-dir", dataDir.toString());
        var api = new HttpApi(portA, ClipcastProcesses.apiKey(ClipcastProcesses.output(created)));

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
        serve(portB, external);

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
                // the campaign's recipients only, not the sender address's confirmation email
                if (to.toString().endsWith("@example.org")) {
                    perRecipient.merge(to.toString(), 1, Integer::sum);
                }
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

    private Process serve(int port, Map<String, String> environment) throws IOException, InterruptedException {
        var all = new HashMap<>(environment);
        all.put("CLIPCAST_SMTP_HOST", "127.0.0.1");
        all.put("CLIPCAST_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()));
        // Everything in one sample, leases short enough for the test to see a reclaim, limits out of the way.
        all.put("CLIPCAST_CAMPAIGNS_STAGED_SAMPLE_PERCENT", "100");
        all.put("CLIPCAST_CAMPAIGNS_STAGED_SAMPLE_MAX", "1000000");
        all.put("CLIPCAST_DELIVERY_LEASE", "10s");
        all.put("CLIPCAST_DELIVERY_WORKERS", String.valueOf(WORKERS));
        all.put("CLIPCAST_DELIVERY_DOMAIN_PER_SECOND", "100000");
        return processes.serve(port, all);
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
}
