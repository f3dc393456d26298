package clipcast.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.TimeOrderedIds;
import clipcast.campaigns.domain.CampaignStatus;
import clipcast.compliance.Compliance;
import clipcast.compliance.domain.ContentFingerprint;
import clipcast.compliance.domain.Decision;
import clipcast.compliance.domain.Recipient;
import clipcast.compliance.domain.Sending;
import clipcast.consent.Channel;
import clipcast.consent.Consents;
import clipcast.consent.SuppressionReason;
import clipcast.support.ClipcastTest;
import clipcast.support.Eventually;
import clipcast.support.TestTenants;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audience decided in SQL is decided exactly as the policies decide one recipient at a time
 * ({@link Compliance#decide}): the same reason for every recipient, in the same precedence, the same deferrals, the
 * same credits counted down in member order — for a preflight's counts and for a launch's written decisions and
 * messages. The audience mixes every fact the policies read: suppression of the tenant, of the platform, by
 * registry and by erasure, missing numbers, ages on both sides of 16 in time zones on both sides of the date line,
 * consent granted, imported, withdrawn and changed, earlier messages of the same and of other content inside and
 * outside the windows, and countries whose quiet hours are open or closed.
 */
@ClipcastTest
class AudienceDecisionsTest {

    /** Sunday 22 November 2026, 06:30 UTC: French and American SMS wait, Kiribati's evening does not. */
    static final Instant NOW = Instant.parse("2026-11-22T06:30:00Z");

    static final String BODY = "Croissants are two for one this weekend at the corner bakery";
    static final int CAP = 3;

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AudienceEvaluation evaluation;

    @Autowired
    Compliance compliance;

    @Autowired
    Consents consents;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Campaigns campaigns;

    @Autowired
    CampaignRepository repository;

    TenantId tenant;
    Campaign campaign;
    List<Person> people;
    ContentFingerprint fingerprint = ContentFingerprint.of(BODY, List.of());

    /** One contact and what the policies know of them. */
    record Person(
            UUID id,
            String phone,
            String country,
            String timeZone,
            LocalDate birth,
            Recipient.ConsentState consent,
            boolean imported,
            String suppression,
            List<ContentFingerprint> recent,
            int inCapWindow) {}

    @BeforeEach
    void an_audience_with_every_fact() {
        tenant = tenants.create("Audience Decisions").tenant().id();
        TenantScope.run(tenant, this::create);
    }

    @Test
    void a_preflight_counts_every_recipient_as_the_policies_decide_them() {
        var expected = expectedSplit(decide(false, 1_000_000));
        assertThat(expected.blocked())
                .as("the audience has every reason")
                .containsKeys(
                        "SUPPRESSED",
                        "DNC_REGISTRY",
                        "INVALID_ADDRESS",
                        "UNDERAGE",
                        "NO_CONSENT",
                        "CONSENT_WITHDRAWN",
                        "DUPLICATE_CONTENT",
                        "FREQUENCY_CAP");
        assertThat(expected.deferred()).containsKey("QUIET_HOURS");
        assertThat(expected.eligible()).isPositive();
        assertThat(expected.importedSendable()).isPositive();

        for (int chunk : List.of(1_000, 7)) {
            var split = TenantScope.call(
                    tenant, () -> evaluation.count(tenant, campaign, context(false), 1_000_000, chunk));

            assertThat(split).as("ranges of %d", chunk).isEqualTo(expected);
        }
    }

    @Test
    void a_preflight_counts_the_credits_down_in_member_order() {
        var decisions = decide(false, 9);
        assertThat(decisions.values())
                .as("the credits run out")
                .anyMatch(
                        d -> d instanceof Decision.Block b && b.reason().name().equals("QUOTA_EXCEEDED"));

        for (int chunk : List.of(1_000, 7, 1)) {
            var split = TenantScope.call(tenant, () -> evaluation.count(tenant, campaign, context(false), 9, chunk));

            assertThat(split).as("ranges of %d", chunk).isEqualTo(expectedSplit(decisions));
        }
    }

    @Test
    void a_frozen_account_sends_nobody_anything() {
        var split = TenantScope.call(tenant, () -> evaluation.count(tenant, campaign, context(true), 1_000, 1_000));

        assertThat(split.blocked()).isEqualTo(Map.of("ACCOUNT_FROZEN", (long) people.size()));
        assertThat(split.eligible()).isZero();
    }

    @Test
    void a_launch_writes_the_policies_decision_for_every_recipient_and_a_held_message_for_the_sendable() {
        long credits = 11;
        int batch = 6;
        long[] left = {credits};
        var after = AudienceEvaluation.START;
        while (true) {
            var from = after;
            // As a launch does it, range after range: decide and write, then take the credits, the excess over quota.
            var range = TenantScope.call(
                    tenant,
                    () -> transactions.execute(tx -> {
                        evaluation.settings();
                        var next = evaluation.next(tenant, campaign, from, batch);
                        var groups = evaluation.groups(tenant, campaign, next, context(false));
                        var written = evaluation.write(tenant, campaign, next, groups, context(false));
                        long sendable = written.eligible() + written.deferred();
                        long granted = Math.min(left[0], sendable);
                        if (granted < sendable) {
                            evaluation.overQuota(tenant, campaign, next, granted);
                        }
                        left[0] -= granted;
                        return next;
                    }));
            if (range.end()) {
                break;
            }
            after = range.last();
        }

        var expected = decide(false, credits);
        var recorded = TenantScope.call(
                tenant,
                () -> jdbc.sql("""
                        SELECT r.contact_id, r.status, r.reason, r.deferred_until,
                               o.status AS message, o.not_before, o.address
                        FROM campaign_recipient r
                        LEFT JOIN outbox_message o ON o.tenant_id = r.tenant_id AND o.campaign_id = r.campaign_id
                                                  AND o.contact_id = r.contact_id
                        WHERE r.tenant_id = ? AND r.campaign_id = ?""")
                        .params(tenant.value(), campaign.id())
                        .query((rs, row) -> Map.entry(
                                rs.getObject("contact_id", UUID.class),
                                List.of(
                                        String.valueOf(rs.getString("status")),
                                        String.valueOf(rs.getString("reason")),
                                        String.valueOf(instant(rs.getTimestamp("deferred_until"))),
                                        String.valueOf(rs.getString("message")),
                                        String.valueOf(instant(rs.getTimestamp("not_before"))),
                                        String.valueOf(rs.getString("address")))))
                        .list());
        var byContact = new TreeMap<UUID, List<String>>();
        recorded.forEach(entry -> byContact.put(entry.getKey(), entry.getValue()));
        var wanted = new TreeMap<UUID, List<String>>();
        for (var person : people) {
            wanted.put(person.id(), row(person, expected.get(person.id())));
        }
        assertThat(byContact).isEqualTo(wanted);
    }

    @Test
    void a_launch_decides_its_ranges_side_by_side_resumes_a_planned_launch_and_spends_each_credit_once() {
        // The launch decides as of the clock: half of those who could be sent to now get a credit.
        var now = new AudienceEvaluation.Context(Instant.now(), false, fingerprint, CAP);
        long couldSend = TenantScope.call(tenant, () -> evaluation.count(tenant, campaign, now, 1_000_000))
                .sendable();
        assertThat(couldSend).isGreaterThan(2);
        long credits = couldSend / 2;
        int batch = 7;
        var ranges = new ArrayList<AudienceEvaluation.Range>();
        TenantScope.run(tenant, () -> {
            jdbc.sql("UPDATE tenant SET message_credits = ? WHERE id = ?")
                    .params(credits, tenant.value())
                    .update();
            repository.startLaunch(tenant, campaign.id(), CampaignStatus.SENDING, false, Instant.now());
            // A node planned the launch and died before deciding any range.
            transactions.executeWithoutResult(tx -> {
                var after = AudienceEvaluation.START;
                while (true) {
                    var range = evaluation.next(tenant, campaign, after, batch);
                    ranges.add(range);
                    if (range.end()) {
                        break;
                    }
                    after = range.last();
                }
                repository.insertBatches(tenant, campaign.id(), ranges);
                repository.planned(tenant, campaign.id(), AudienceEvaluation.END);
            });
        });

        campaigns.evaluate(tenant, campaign.id(), batch);
        // Done here, or by the scheduler if it held the last range when these threads found nothing left to claim.
        Eventually.within(
                Duration.ofSeconds(20),
                "the evaluation is done",
                () -> TenantScope.call(tenant, () -> repository.find(tenant, campaign.id()))
                        .orElseThrow()
                        .evaluation()
                        .equals("DONE"));

        var decided = TenantScope.call(
                tenant,
                () -> jdbc.sql("""
                        SELECT r.contact_id, r.status, r.reason, o.id IS NOT NULL AS queued
                        FROM campaign_recipient r
                        LEFT JOIN outbox_message o ON o.tenant_id = r.tenant_id AND o.campaign_id = r.campaign_id
                                                  AND o.contact_id = r.contact_id
                        WHERE r.tenant_id = ? AND r.campaign_id = ? ORDER BY r.contact_id""")
                        .params(tenant.value(), campaign.id())
                        .query((rs, row) -> List.of(
                                rs.getString("contact_id"),
                                rs.getString("status"),
                                String.valueOf(rs.getString("reason")),
                                String.valueOf(rs.getBoolean("queued"))))
                        .list());
        var left = TenantScope.call(
                tenant,
                () -> jdbc.sql("SELECT message_credits FROM tenant WHERE id = ?")
                        .param(tenant.value())
                        .query(Long.class)
                        .single());
        var launched = TenantScope.call(tenant, () -> repository.find(tenant, campaign.id()))
                .orElseThrow();
        var sendable = decided.stream().filter(r -> !r.get(1).equals("BLOCKED")).toList();

        assertThat(decided).as("one decision per member").hasSize(people.size());
        assertThat(decided)
                .as("a message for every sendable one, none for the others")
                .allMatch(r -> r.get(3).equals(String.valueOf(!r.get(1).equals("BLOCKED"))));
        assertThat(decided).as("the credits ran out").anyMatch(r -> r.get(2).equals("QUOTA_EXCEEDED"));
        assertThat(sendable).as("every credit spent, none twice").hasSize((int) credits);
        assertThat(left).isZero();
        for (var range : ranges) {
            var in = decided.stream()
                    .filter(r -> r.get(0).compareTo(range.after().toString()) > 0
                            && r.get(0).compareTo(range.last().toString()) <= 0)
                    .toList();
            var lastSent = in.stream()
                    .filter(r -> !r.get(1).equals("BLOCKED"))
                    .map(r -> r.get(0))
                    .reduce((a, b) -> b);
            var firstOver = in.stream()
                    .filter(r -> r.get(2).equals("QUOTA_EXCEEDED"))
                    .map(r -> r.get(0))
                    .findFirst();
            if (lastSent.isPresent() && firstOver.isPresent()) {
                assertThat(firstOver.get())
                        .as("within a range, credits go in member order")
                        .isGreaterThan(lastSent.get());
            }
        }
        assertThat(launched.evaluation()).isEqualTo("DONE");
        assertThat(launched.eligible() + launched.deferred()).isEqualTo(credits);
        assertThat(launched.blocked()).isEqualTo(people.size() - credits);
        assertThat(TenantScope.call(tenant, () -> repository.hasBatches(tenant, campaign.id())))
                .isFalse();
    }

    // --- the reference: the policies, one recipient at a time, in member order

    private Map<UUID, Decision> decide(boolean frozen, long credits) {
        var decisions = new LinkedHashMap<UUID, Decision>();
        long left = credits;
        var ordered = new ArrayList<>(people);
        // PostgreSQL orders uuids as unsigned bytes, which is the order of their text.
        ordered.sort(Comparator.comparing(person -> person.id().toString()));
        for (var person : ordered) {
            var recipient = new Recipient(
                    "SMS",
                    person.consent(),
                    person.suppression() != null && !person.suppression().equals("DNC_REGISTRY"),
                    "DNC_REGISTRY".equals(person.suppression()),
                    false,
                    false,
                    person.phone() != null,
                    person.birth(),
                    person.country(),
                    AudienceEvaluation.zone(person.timeZone()));
            var sending = new Sending(NOW, frozen, left, fingerprint, person.recent(), person.inCapWindow(), CAP);
            var decision = compliance.decide(recipient, sending);
            if (!(decision instanceof Decision.Block)) {
                left--;
            }
            decisions.put(person.id(), decision);
        }
        return decisions;
    }

    private AudienceEvaluation.Split expectedSplit(Map<UUID, Decision> decisions) {
        long eligible = 0;
        long imported = 0;
        var blocked = new TreeMap<String, Long>();
        var deferred = new TreeMap<String, Long>();
        UUID first = null;
        var byId = new LinkedHashMap<UUID, Person>();
        people.forEach(person -> byId.put(person.id(), person));
        for (var entry : decisions.entrySet()) {
            switch (entry.getValue()) {
                case Decision.Allow allow -> {
                    eligible++;
                    first = first == null ? entry.getKey() : first;
                }
                case Decision.Block block -> blocked.merge(block.reason().name(), 1L, Long::sum);
                case Decision.Defer defer -> deferred.merge(defer.reason().name(), 1L, Long::sum);
            }
            if (!(entry.getValue() instanceof Decision.Block)
                    && byId.get(entry.getKey()).imported()) {
                imported++;
            }
        }
        return new AudienceEvaluation.Split(decisions.size(), eligible, blocked, deferred, imported, first);
    }

    private List<String> row(Person person, Decision decision) {
        return switch (decision) {
            case Decision.Allow allow ->
                List.of("ELIGIBLE", "null", "null", "HELD", String.valueOf(NOW), String.valueOf(person.phone()));
            case Decision.Block block -> List.of("BLOCKED", block.reason().name(), "null", "null", "null", "null");
            case Decision.Defer defer ->
                List.of(
                        "DEFERRED",
                        defer.reason().name(),
                        String.valueOf(defer.until()),
                        "HELD",
                        String.valueOf(defer.until()),
                        String.valueOf(person.phone()));
        };
    }

    private AudienceEvaluation.Context context(boolean frozen) {
        return new AudienceEvaluation.Context(NOW, frozen, fingerprint, CAP);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    // --- the fixture

    private void create() {
        var sender = UUID.randomUUID();
        jdbc.sql("INSERT INTO sender (tenant_id, id, kind, address, status) VALUES (?, ?, 'SMS', ?, 'VERIFIED')")
                .params(
                        tenant.value(),
                        sender,
                        "+3370" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999))
                .update();
        campaign = campaign(sender, "This one", BODY, null, null);
        var other = List.of(
                "Winter boots half price in every size",
                "Our new loyalty card earns double points",
                "The summer terrace opens with live music");
        // Earlier campaigns: one with this content long ago, one with it this week, three others this week.
        var old = campaign(sender, "Old", BODY, NOW.minus(Duration.ofDays(12)), NOW.minus(Duration.ofDays(11)));
        var same = campaign(sender, "Same", BODY, NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(2)));
        var earlier = new ArrayList<Campaign>();
        for (int i = 0; i < other.size(); i++) {
            earlier.add(campaign(
                    sender,
                    "Other " + i,
                    other.get(i),
                    NOW.minus(Duration.ofDays(3 + i)),
                    NOW.minus(Duration.ofDays(3))));
        }
        var places = List.of(
                new String[] {"FR", "Europe/Paris"},
                new String[] {"US", "Pacific/Pago_Pago"},
                new String[] {"DE", "Pacific/Kiritimati"},
                new String[] {null, null},
                new String[] {"FR", "Not/AZone"});
        var births = new LocalDate[] {
            null,
            LocalDate.of(2010, 11, 21),
            LocalDate.of(2010, 11, 22),
            LocalDate.of(2010, 11, 23),
            LocalDate.of(1990, 1, 1),
            LocalDate.of(2015, 5, 5)
        };
        var suppressions = new String[] {null, null, null, "MANUAL", "DNC_REGISTRY", "COMPLAINT", "ERASED"};
        var random = new Random(20261122);
        people = new ArrayList<>();
        for (int n = 0; n < 140; n++) {
            var place = places.get(random.nextInt(places.size()));
            var phone = random.nextInt(12) == 0
                    ? null
                    : "+3361" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
            var id = TimeOrderedIds.next();
            jdbc.sql("""
                            INSERT INTO contact (tenant_id, id, phone, first_name, country, time_zone, birth_date,
                                                 erased_at)
                            VALUES (?, ?, ?, 'P', ?, ?, ?, ?)""")
                    .params(tenant.value(), id, phone, place[0], place[1], births[random.nextInt(births.length)], null)
                    .update();
            jdbc.sql("INSERT INTO contact_list (tenant_id, contact_id, list) VALUES (?, ?, 'audience')")
                    .params(tenant.value(), id)
                    .update();
            // Consent: none, granted (by a form or an import), withdrawn, or changed; other purposes never count.
            int story = random.nextInt(7);
            var consent = Recipient.ConsentState.NONE;
            boolean imported = false;
            switch (story) {
                case 1 -> {
                    consent(id, "GRANTED", "WEB_FORM", "marketing");
                    consent = Recipient.ConsentState.GRANTED;
                }
                case 2 -> {
                    consent(id, "GRANTED", "IMPORT", "marketing");
                    consent = Recipient.ConsentState.GRANTED;
                    imported = true;
                }
                case 3 -> {
                    consent(id, "GRANTED", "IMPORT", "marketing");
                    consent(id, "WITHDRAWN", "SMS_KEYWORD", "marketing");
                    consent = Recipient.ConsentState.WITHDRAWN;
                }
                case 4 -> {
                    consent(id, "WITHDRAWN", "API", "marketing");
                    consent(id, "GRANTED", "WEB_FORM", "marketing");
                    consent = Recipient.ConsentState.GRANTED;
                }
                case 5 -> consent(id, "GRANTED", "WEB_FORM", "loyalty");
                default -> {
                    if (random.nextBoolean()) {
                        consent(id, "GRANTED", "API", "marketing");
                        consent = Recipient.ConsentState.GRANTED;
                    }
                }
            }
            var suppression = suppressions[random.nextInt(suppressions.length)];
            if (suppression != null && phone == null && !suppression.equals("ERASED")) {
                suppression = null;
            }
            if ("ERASED".equals(suppression)) {
                jdbc.sql("UPDATE contact SET erased_at = ? WHERE tenant_id = ? AND id = ?")
                        .params(Timestamp.from(NOW.minus(Duration.ofDays(1))), tenant.value(), id)
                        .update();
            } else if (suppression != null) {
                consents.suppress(Channel.SMS, phone, SuppressionReason.valueOf(suppression), "FR");
            }
            // Earlier messages: of the old campaign (outside the windows), of the same content this week, of others.
            var recent = new ArrayList<ContentFingerprint>();
            int inCapWindow = 0;
            if (random.nextInt(4) == 0) {
                message(old, id, phone, NOW.minus(Duration.ofDays(11)), "SENT");
            }
            if (random.nextInt(6) == 0) {
                var status = random.nextBoolean() ? "SENT" : "CANCELLED";
                message(same, id, phone, NOW.minus(Duration.ofDays(2)), status);
                if (status.equals("SENT")) {
                    recent.add(fingerprint);
                    inCapWindow++;
                }
            }
            for (var each : earlier) {
                if (random.nextInt(3) > 0) {
                    message(each, id, phone, NOW.minus(Duration.ofDays(3)), "SENT");
                    recent.add(ContentFingerprint.of(each.body(), List.of()));
                    inCapWindow++;
                }
            }
            people.add(new Person(
                    id, phone, place[0], place[1], birthOf(id), consent, imported, suppression, recent, inCapWindow));
        }
    }

    private LocalDate birthOf(UUID id) {
        return jdbc.sql("SELECT birth_date FROM contact WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id)
                .query(LocalDate.class)
                .optional()
                .orElse(null);
    }

    private Campaign campaign(UUID sender, String name, String body, Instant launched, Instant evaluated) {
        var id = TimeOrderedIds.next();
        jdbc.sql("""
                        INSERT INTO campaign (tenant_id, id, name, channel, purpose, sender_id, audience, body, status,
                                              evaluation, launched_at, evaluated_at)
                        VALUES (?, ?, ?, 'SMS', 'marketing', ?, '{"lists": ["audience"]}', ?, ?, ?, ?, ?)""")
                .params(
                        tenant.value(),
                        id,
                        name,
                        sender,
                        body,
                        launched == null ? "CHECKED" : "DONE",
                        launched == null ? "NONE" : "DONE",
                        launched == null ? null : Timestamp.from(launched),
                        evaluated == null ? null : Timestamp.from(evaluated))
                .update();
        return new Campaign(
                id,
                name,
                Channel.SMS,
                "marketing",
                sender,
                new Audience(List.of("audience"), List.of(), List.of(), Map.of()),
                null,
                body,
                null,
                null,
                CampaignStatus.CHECKED,
                "AUTO",
                List.of(),
                null,
                null,
                null,
                "NONE",
                0,
                0,
                0,
                null,
                null,
                NOW);
    }

    private void consent(UUID contact, String status, String method, String purpose) {
        jdbc.sql("""
                        INSERT INTO consent_record (tenant_id, contact_id, id, channel, purpose, status, method,
                                                    evidence_text, collected_at)
                        VALUES (?, ?, ?, 'SMS', ?, ?, ?, 'Yes', ?)""")
                .params(
                        tenant.value(),
                        contact,
                        UUID.randomUUID(),
                        purpose,
                        status,
                        method,
                        Timestamp.from(NOW.minus(Duration.ofDays(30))))
                .update();
    }

    private void message(Campaign from, UUID contact, String phone, Instant at, String status) {
        var content = ContentFingerprint.of(from.body(), List.of());
        jdbc.sql("""
                        INSERT INTO outbox_message (tenant_id, id, campaign_id, contact_id, channel, purpose, address,
                                                    fingerprint, simhash, status, not_before, created_at)
                        VALUES (?, ?, ?, ?, 'SMS', 'marketing', ?, ?, ?, ?, ?, ?)""")
                .params(
                        tenant.value(),
                        UUID.randomUUID(),
                        from.id(),
                        contact,
                        phone == null ? "none" : phone,
                        content.exact(),
                        content.simhash(),
                        status,
                        Timestamp.from(at),
                        Timestamp.from(at))
                .update();
    }
}
