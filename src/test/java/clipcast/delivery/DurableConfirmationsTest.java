package clipcast.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clipcast.delivery.email.DkimKeys;
import clipcast.delivery.push.WebPush;
import clipcast.support.ClipcastTest;
import clipcast.support.Eventually;
import clipcast.support.TestTenants;
import clipcast.tenancy.Tenancy;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Confirmation emails wait in the database until a relay has accepted or refused them: a greylisting relay's "try
 * later" is tried again by another node after the first one stopped, a claimed email is left alone until its claim
 * runs out, and an email given up, refused or erased is gone. Each node here is the delivery beans as a node with its
 * own SMTP relay makes them (a {@link GreylistingRelay} on loopback), on the shared database.
 */
@ClipcastTest
class DurableConfirmationsTest {

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    PendingConfirmations pending;

    @Autowired
    MessageHistoryData history;

    @Autowired
    InboundSmsRouter inbound;

    @Autowired
    WebPush push;

    @Autowired
    DkimKeys dkim;

    @Autowired
    PlatformDkimKey platformKey;

    @Autowired
    SandboxMessages sandbox;

    @Autowired
    Tenancy tenancy;

    @Autowired
    MessageSource messages;

    @Autowired
    Clock clock;

    @Value("${clipcast.public-url}")
    String publicUrl;

    final List<AutoCloseable> opened = new ArrayList<>();
    final List<UUID> shops = new ArrayList<>();

    /** Closes the nodes and relays, and deletes what the test left waiting (a later test's nodes would send it). */
    @AfterEach
    void close() throws Exception {
        for (var closeable : opened.reversed()) {
            closeable.close();
        }
        TenantScope.callAsPlatform(() -> jdbc.sql("DELETE FROM confirmation_email WHERE tenant_id = ANY (?::uuid[])")
                .param(shops.toArray(UUID[]::new))
                .update());
    }

    TenantId shop(String name) {
        var tenant = tenants.create(name).tenant().id();
        shops.add(tenant.value());
        return tenant;
    }

    GreylistingRelay relay(int laterCount) {
        var relay = new GreylistingRelay(laterCount);
        opened.add(relay);
        return relay;
    }

    /** A node whose SMTP relay is this one, with these delays between attempts. */
    ConfirmationEmails node(GreylistingRelay relay, Duration... retries) {
        var transports = new Transports(
                "127.0.0.1",
                relay.port(),
                "",
                "",
                false,
                1,
                "",
                "",
                2775,
                "",
                "",
                16,
                "",
                "",
                true,
                inbound,
                push,
                dkim,
                sandbox);
        var node = new ConfirmationEmails(
                transports, platformKey, sandbox, tenancy, messages, clock, pending, "", publicUrl, List.of(retries));
        opened.add(transports);
        opened.add(node::stop);
        return node;
    }

    /** Asks the node for a confirmation email in a transaction of the tenant's; returns its recipient. */
    String confirm(ConfirmationEmails node, TenantId tenant) {
        var email = "dora-" + UUID.randomUUID() + "@greylisted.example";
        TenantScope.run(
                tenant,
                () -> transactions.executeWithoutResult(
                        tx -> node.sendConfirmation(email, "Please confirm", "Confirm: https://clipcast.example/x")));
        return email;
    }

    /** {@link #confirm}, then waits until the node's first attempt has left the email waiting for another. */
    String confirmAndWaitForTheFirstAttempt(ConfirmationEmails node, TenantId tenant) {
        var email = confirm(node, tenant);
        Eventually.within(Duration.ofSeconds(10), "the first attempt", () -> attemptsWaiting(tenant, email) == 1);
        return email;
    }

    /** The attempts made so far at the email waiting for this address, or -1 when none waits. */
    int attemptsWaiting(TenantId tenant, String email) {
        return TenantScope.call(
                tenant,
                () -> jdbc.sql("SELECT attempts FROM confirmation_email WHERE tenant_id = ? AND recipient = ?")
                        .params(tenant.value(), email)
                        .query(Integer.class)
                        .optional()
                        .orElse(-1));
    }

    @Test
    void a_greylisted_email_waits_in_the_database_and_another_node_sends_it_once_after_the_first_stopped() {
        var tenant = shop("Grey Bakery");
        var relay = relay(1);
        var first = node(relay, Duration.ZERO, Duration.ZERO);

        var email = confirmAndWaitForTheFirstAttempt(first, tenant);
        first.stop();
        assertThat(relay.recipientsSeen()).isEqualTo(1);
        assertThat(relay.delivered()).isZero();

        var second = node(relay, Duration.ZERO, Duration.ZERO);
        assertThat(second.sendDue()).isEqualTo(1);

        assertThat(relay.delivered()).isEqualTo(1);
        assertThat(attemptsWaiting(tenant, email)).as("done with: deleted").isEqualTo(-1);
        assertThat(second.sendDue()).as("nothing is sent twice").isZero();
        assertThat(relay.recipientsSeen()).isEqualTo(2);
    }

    @Test
    void a_relay_that_keeps_saying_later_gets_one_attempt_per_delay_then_the_email_is_given_up() {
        var tenant = shop("Patient Bakery");
        var relay = relay(100);
        var node = node(relay, Duration.ZERO, Duration.ZERO);

        var email = confirmAndWaitForTheFirstAttempt(node, tenant);
        node.sendDue();
        assertThat(attemptsWaiting(tenant, email)).isEqualTo(2);
        node.sendDue();

        assertThat(relay.recipientsSeen()).isEqualTo(3);
        assertThat(relay.delivered()).isZero();
        assertThat(attemptsWaiting(tenant, email)).as("given up: deleted").isEqualTo(-1);
    }

    @Test
    void a_refusal_is_final() {
        var tenant = shop("Refused Bakery");
        var relay = relay(-1);
        var node = node(relay, Duration.ZERO);

        var email = confirm(node, tenant);

        Eventually.within(Duration.ofSeconds(10), "the refusal", () -> relay.recipientsSeen() == 1);
        Eventually.within(Duration.ofSeconds(10), "the email deleted", () -> attemptsWaiting(tenant, email) == -1);
        assertThat(node.sendDue()).isZero();
        assertThat(relay.recipientsSeen()).isEqualTo(1);
    }

    @Test
    void a_rolled_back_transaction_leaves_no_email_to_send() {
        var tenant = shop("Undecided Bakery");
        var relay = relay(0);
        var node = node(relay, Duration.ZERO);
        var email = "ivy-" + UUID.randomUUID() + "@greylisted.example";

        assertThatThrownBy(() -> TenantScope.run(
                        tenant,
                        () -> transactions.executeWithoutResult(tx -> {
                            node.sendConfirmation(email, "Please confirm", "Confirm: https://clipcast.example/y");
                            throw new IllegalStateException("the subscription failed after asking for its email");
                        })))
                .hasMessageContaining("subscription failed");

        assertThat(attemptsWaiting(tenant, email)).isEqualTo(-1);
        assertThat(node.sendDue()).isZero();
        assertThat(relay.recipientsSeen()).isZero();
    }

    @Test
    void an_email_claimed_by_a_live_node_is_left_alone_until_the_claim_runs_out() {
        var tenant = shop("Claimed Bakery");
        var relay = relay(0);
        var node = node(relay, Duration.ZERO);
        var now = Instant.now(clock);
        var claimed = waiting(tenant, "kim-" + UUID.randomUUID() + "@greylisted.example");
        var abandoned = waiting(tenant, "lou-" + UUID.randomUUID() + "@greylisted.example");
        TenantScope.run(tenant, () -> {
            pending.add(claimed, now, now.plus(ConfirmationEmails.LEASE));
            pending.add(abandoned, now, now.minusSeconds(1));
        });

        assertThat(node.sendDue()).as("only the email whose claim ran out").isEqualTo(1);

        assertThat(relay.delivered()).isEqualTo(1);
        assertThat(attemptsWaiting(tenant, abandoned.recipient())).isEqualTo(-1);
        assertThat(attemptsWaiting(tenant, claimed.recipient())).isZero();
    }

    @Test
    void erasing_a_person_drops_the_confirmation_emails_waiting_for_their_address() {
        var tenant = shop("Forgetful Bakery");
        var relay = relay(100);
        var node = node(relay, Duration.ofHours(1));
        var email = confirmAndWaitForTheFirstAttempt(node, tenant);

        TenantScope.run(tenant, () -> history.erase(UUID.randomUUID(), List.of(email)));

        assertThat(attemptsWaiting(tenant, email)).isEqualTo(-1);
    }

    PendingConfirmations.Pending waiting(TenantId tenant, String email) {
        return new PendingConfirmations.Pending(
                tenant,
                UUID.randomUUID(),
                UUID.randomUUID() + "@clipcast.localhost",
                "Claimed Bakery via Clipcast",
                email,
                "Please confirm",
                "Confirm: https://clipcast.example/z",
                0);
    }
}
