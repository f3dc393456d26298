package clipcast.delivery;

import clipcast.TimeOrderedIds;
import clipcast.consent.Channel;
import clipcast.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The outbox table: enqueue, claim with SKIP LOCKED, hand-off markers, results, reclaim. */
@Repository
class OutboxRepository {

    private static final String ITEM_COLUMNS =
            "tenant_id, id, campaign_id, contact_id, channel, purpose, address, country, time_zone, coupon_code, attempts";

    private final JdbcClient jdbc;
    private final Clock clock;

    OutboxRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Inserts the entries, keeping the first row of any (campaign, contact) already there; one statement. */
    int enqueue(TenantId tenant, List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        int n = entries.size();
        var ids = new UUID[n];
        var campaigns = new UUID[n];
        var contacts = new UUID[n];
        var channels = new String[n];
        var purposes = new String[n];
        var addresses = new String[n];
        var countries = new String[n];
        var zones = new String[n];
        var codes = new String[n];
        var fingerprints = new Long[n];
        var simhashes = new Long[n];
        var statuses = new String[n];
        var notBefore = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            var e = entries.get(i);
            ids[i] = TimeOrderedIds.next(clock);
            campaigns[i] = e.campaignId();
            contacts[i] = e.contactId();
            channels[i] = e.channel().name();
            purposes[i] = e.purpose();
            addresses[i] = e.address();
            countries[i] = e.country();
            zones[i] = e.timeZone();
            codes[i] = e.couponCode();
            fingerprints[i] = e.fingerprint();
            simhashes[i] = e.simhash();
            statuses[i] = e.held() ? "HELD" : "QUEUED";
            notBefore[i] = Timestamp.from(e.notBefore());
        }
        return jdbc.sql("""
                        INSERT INTO outbox_message (tenant_id, id, campaign_id, contact_id, channel, purpose, address,
                                                    country, time_zone, coupon_code, fingerprint, simhash, status,
                                                    not_before, created_at)
                        SELECT ?, u.* , ? FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[],
                                                  ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[],
                                                  ?::timestamptz[]) AS u
                        ON CONFLICT (tenant_id, campaign_id, contact_id) DO NOTHING""")
                .params(
                        tenant.value(),
                        Timestamp.from(clock.instant()),
                        ids,
                        campaigns,
                        contacts,
                        channels,
                        purposes,
                        addresses,
                        countries,
                        zones,
                        codes,
                        fingerprints,
                        simhashes,
                        statuses,
                        notBefore)
                .update();
    }

    /** Claims up to {@code limit} due messages of any tenant for this node (platform scope). */
    List<OutboxItem> claim(String node, int limit, Instant leaseUntil) {
        var now = Timestamp.from(clock.instant());
        // A materialised CTE: the locking subquery runs exactly once, so a claim never takes more than its limit.
        return jdbc.sql("WITH due AS MATERIALIZED (SELECT tenant_id, id FROM outbox_message"
                        + "       WHERE status = 'QUEUED' AND not_before <= ?"
                        + "       ORDER BY not_before LIMIT ? FOR UPDATE SKIP LOCKED)"
                        + " UPDATE outbox_message o SET status = 'SENDING', claimed_by = ?, claimed_until = ?,"
                        + " attempts = o.attempts + 1, handed_at = NULL"
                        + " FROM due WHERE o.tenant_id = due.tenant_id AND o.id = due.id"
                        + " RETURNING o.tenant_id, o.id, o.campaign_id, o.contact_id, o.channel, o.purpose, o.address,"
                        + " o.country, o.time_zone, o.coupon_code, o.attempts")
                .params(now, limit, node, Timestamp.from(leaseUntil))
                .query((rs, row) -> item(rs))
                .list();
    }

    /**
     * Takes back claims whose lease ran out (their node died or stalled). A message that was handed to its
     * transport may have gone out: it is recorded as sent, in doubt, never sent again; the others are queued again.
     */
    int reclaimExpired() {
        var now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                        UPDATE outbox_message SET
                            status = CASE WHEN handed_at IS NULL THEN 'QUEUED' ELSE 'SENT' END,
                            sent_at = CASE WHEN handed_at IS NULL THEN NULL ELSE handed_at END,
                            failure_code = CASE WHEN handed_at IS NULL THEN failure_code ELSE 'IN_DOUBT' END,
                            claimed_by = NULL, claimed_until = NULL
                        WHERE status = 'SENDING' AND claimed_until < ?""").param(now).update();
    }

    /**
     * Records, durably and before the transport's point of no return, that each node hands its message over, in one
     * statement; returns the ids marked. A message left out has a claim that is no longer its node's (it expired and
     * was taken back): it must not be sent.
     */
    Set<UUID> markHanded(List<HandOff> handOffs) {
        int n = handOffs.size();
        var tenants = new UUID[n];
        var ids = new UUID[n];
        var nodes = new String[n];
        for (int i = 0; i < n; i++) {
            tenants[i] = handOffs.get(i).item().tenant().value();
            ids[i] = handOffs.get(i).item().id();
            nodes[i] = handOffs.get(i).node();
        }
        return new HashSet<>(jdbc.sql("""
                        UPDATE outbox_message o SET handed_at = ?
                        FROM unnest(?::uuid[], ?::uuid[], ?::text[]) AS h(tenant_id, id, node)
                        WHERE o.tenant_id = h.tenant_id AND o.id = h.id AND o.status = 'SENDING'
                          AND o.claimed_by = h.node
                        RETURNING o.id""")
                .params(Timestamp.from(clock.instant()), tenants, ids, nodes)
                .query(UUID.class)
                .list());
    }

    /** A message {@code node} is about to hand to its transport. */
    record HandOff(OutboxItem item, String node) {}

    /** Results of one batch, one statement: sent, retried later, failed or cancelled. */
    void record(String node, List<Result> results) {
        if (results.isEmpty()) {
            return;
        }
        int n = results.size();
        var tenants = new UUID[n];
        var ids = new UUID[n];
        var statuses = new String[n];
        var notBefore = new Timestamp[n];
        var refs = new String[n];
        var codes = new String[n];
        var reasons = new String[n];
        var undoAttempt = new Boolean[n];
        var now = Timestamp.from(clock.instant());
        for (int i = 0; i < n; i++) {
            var r = results.get(i);
            tenants[i] = r.tenant().value();
            ids[i] = r.id();
            statuses[i] = r.status();
            notBefore[i] = r.notBefore() == null ? null : Timestamp.from(r.notBefore());
            refs[i] = r.reference();
            codes[i] = r.code();
            reasons[i] = r.reason() == null ? null : truncate(r.reason(), 1000);
            undoAttempt[i] = r.undoAttempt();
        }
        jdbc.sql("""
                        UPDATE outbox_message o SET
                            status = r.status,
                            not_before = coalesce(r.not_before, o.not_before),
                            provider_ref = coalesce(r.ref, o.provider_ref),
                            failure_code = r.code,
                            failure_reason = r.reason,
                            attempts = CASE WHEN r.undo THEN o.attempts - 1 ELSE o.attempts END,
                            sent_at = CASE WHEN r.status = 'SENT' THEN ? ELSE o.sent_at END,
                            handed_at = CASE WHEN r.status = 'QUEUED' THEN NULL ELSE o.handed_at END,
                            claimed_by = NULL, claimed_until = NULL
                        FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::timestamptz[], ?::text[], ?::text[],
                                    ?::text[], ?::boolean[]) AS r(tenant_id, id, status, not_before, ref, code, reason,
                                                                  undo)
                        WHERE o.tenant_id = r.tenant_id AND o.id = r.id AND o.status = 'SENDING'
                          AND o.claimed_by = ?""")
                .params(now, tenants, ids, statuses, notBefore, refs, codes, reasons, undoAttempt, node)
                .update();
    }

    /** Gives this node's unfinished claims back (on shutdown), unless they were handed over. */
    int release(String node) {
        return jdbc.sql("""
                        UPDATE outbox_message SET status = 'QUEUED', claimed_by = NULL, claimed_until = NULL,
                                                  attempts = attempts - 1
                        WHERE status = 'SENDING' AND claimed_by = ? AND handed_at IS NULL""").param(node).update();
    }

    CampaignDelivery delivery(TenantId tenant, UUID campaignId) {
        var counts = jdbc.sql("""
                        SELECT count(*) FILTER (WHERE status = 'HELD') AS held,
                               count(*) FILTER (WHERE status = 'QUEUED') AS queued,
                               count(*) FILTER (WHERE status = 'SENDING') AS sending,
                               count(*) FILTER (WHERE status = 'SENT') AS sent,
                               count(*) FILTER (WHERE status = 'FAILED') AS failed,
                               count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled
                        FROM outbox_message WHERE tenant_id = ? AND campaign_id = ?""")
                .params(tenant.value(), campaignId)
                .query((rs, row) -> new long[] {
                    rs.getLong("held"),
                    rs.getLong("queued"),
                    rs.getLong("sending"),
                    rs.getLong("sent"),
                    rs.getLong("failed"),
                    rs.getLong("cancelled")
                })
                .single();
        var events = jdbc.sql("""
                        SELECT count(DISTINCT message_id) FILTER (WHERE kind = 'HARD_BOUNCE') AS hard,
                               count(DISTINCT message_id) FILTER (WHERE kind = 'SOFT_BOUNCE') AS soft,
                               count(DISTINCT message_id) FILTER (WHERE kind = 'COMPLAINT') AS complaints,
                               count(DISTINCT message_id) FILTER (WHERE kind = 'UNSUBSCRIBE') AS unsubscribes,
                               count(DISTINCT message_id) FILTER (WHERE kind = 'OPEN') AS opens,
                               count(DISTINCT message_id) FILTER (WHERE kind = 'CLICK') AS clicks
                        FROM delivery_event WHERE tenant_id = ? AND campaign_id = ?""")
                .params(tenant.value(), campaignId)
                .query((rs, row) -> new long[] {
                    rs.getLong("hard"),
                    rs.getLong("soft"),
                    rs.getLong("complaints"),
                    rs.getLong("unsubscribes"),
                    rs.getLong("opens"),
                    rs.getLong("clicks")
                })
                .single();
        return new CampaignDelivery(
                counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], events[0], events[1], events[2],
                events[3], events[4], events[5]);
    }

    /**
     * Releases up to {@code limit} held messages, in recipient order: the order of the (tenant, campaign, contact)
     * index, so that a staged sample of a million-message campaign is found without sorting its messages.
     */
    int releaseHeld(TenantId tenant, UUID campaignId, int limit) {
        return jdbc.sql("""
                        WITH picked AS MATERIALIZED (
                            SELECT id FROM outbox_message WHERE tenant_id = ? AND campaign_id = ? AND status = 'HELD'
                            ORDER BY contact_id LIMIT ? FOR UPDATE SKIP LOCKED)
                        UPDATE outbox_message o SET status = 'QUEUED' FROM picked
                        WHERE o.tenant_id = ? AND o.id = picked.id""")
                .params(tenant.value(), campaignId, limit, tenant.value())
                .update();
    }

    int cancelUnsent(TenantId tenant, UUID campaignId, String code) {
        return jdbc.sql("""
                        UPDATE outbox_message SET status = 'CANCELLED', failure_code = ?
                        WHERE tenant_id = ? AND campaign_id = ? AND status IN ('HELD', 'QUEUED')""").params(code, tenant.value(), campaignId).update();
    }

    /** The sent message of a provider reference (SMPP message id, SMTP queue id), for receipts and bounces. */
    java.util.Optional<OutboxItem> findByProviderRef(String reference) {
        return jdbc.sql("SELECT " + ITEM_COLUMNS + " FROM outbox_message WHERE provider_ref = ? LIMIT 1")
                .param(reference)
                .query((rs, row) -> item(rs))
                .optional();
    }

    /** A multi-part SMS keeps the ids of its parts, comma-separated; a receipt names one of them. */
    java.util.Optional<OutboxItem> findByProviderRefPrefix(String partId) {
        return jdbc.sql("SELECT " + ITEM_COLUMNS + " FROM outbox_message WHERE provider_ref LIKE ? LIMIT 1")
                .param(partId.replace("%", "").replace("_", "\\_") + ",%")
                .query((rs, row) -> item(rs))
                .optional();
    }

    java.util.Optional<OutboxItem> find(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT " + ITEM_COLUMNS + " FROM outbox_message WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id)
                .query((rs, row) -> item(rs))
                .optional();
    }

    /**
     * The email with this id (the local part of its Message-ID), once it was handed to its transport; in the
     * platform scope, whatever its tenant.
     */
    java.util.Optional<OutboxItem> findHandedEmail(UUID id) {
        return jdbc.sql("SELECT " + ITEM_COLUMNS + " FROM outbox_message"
                        + " WHERE id = ? AND channel = 'EMAIL' AND (status = 'SENT' OR handed_at IS NOT NULL)"
                        + " LIMIT 1")
                .param(id)
                .query((rs, row) -> item(rs))
                .optional();
    }

    /** The email most recently sent to this normalised address; in the platform scope, whatever its tenant. */
    java.util.Optional<OutboxItem> findLatestEmailSentTo(String address) {
        return jdbc.sql("SELECT " + ITEM_COLUMNS + " FROM outbox_message"
                        + " WHERE address = ? AND channel = 'EMAIL' AND status = 'SENT'"
                        + " ORDER BY sent_at DESC LIMIT 1")
                .param(address)
                .query((rs, row) -> item(rs))
                .optional();
    }

    /** A contact's messages, oldest first, as its data export shows them. */
    List<Map<String, Object>> ofContact(TenantId tenant, UUID contactId) {
        return jdbc.sql("""
                        SELECT id, campaign_id, channel, address, status, created_at, sent_at
                        FROM outbox_message WHERE tenant_id = ? AND contact_id = ? ORDER BY created_at, id""")
                .params(tenant.value(), contactId)
                .query((rs, row) -> {
                    Map<String, Object> message = new LinkedHashMap<>();
                    message.put("id", rs.getObject("id", UUID.class));
                    message.put("campaignId", rs.getObject("campaign_id", UUID.class));
                    message.put("channel", rs.getString("channel"));
                    message.put("address", rs.getString("address"));
                    message.put("status", rs.getString("status"));
                    message.put("createdAt", instant(rs.getTimestamp("created_at")));
                    message.put("sentAt", instant(rs.getTimestamp("sent_at")));
                    return message;
                })
                .list();
    }

    /**
     * Strips an erased contact's messages of the person: the address, the relay's answer and the events' details
     * (either may quote the address) go; status and times stay, so campaigns keep their counts; messages not sent yet
     * are cancelled ({@code ERASED}).
     */
    void eraseContact(TenantId tenant, UUID contactId) {
        jdbc.sql("""
                        UPDATE delivery_event e SET detail = NULL
                        WHERE e.tenant_id = ? AND e.detail IS NOT NULL
                          AND e.message_id IN (SELECT id FROM outbox_message WHERE tenant_id = ? AND contact_id = ?)""").params(tenant.value(), tenant.value(), contactId).update();
        jdbc.sql("""
                        UPDATE outbox_message SET address = '',
                            status = CASE WHEN status IN ('HELD', 'QUEUED') THEN 'CANCELLED' ELSE status END,
                            failure_code = CASE WHEN status IN ('HELD', 'QUEUED') THEN 'ERASED' ELSE failure_code END,
                            failure_reason = NULL
                        WHERE tenant_id = ? AND contact_id = ?""").params(tenant.value(), contactId).update();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * Records an event of the message. A message has at most one bounce of each kind and one complaint (a unique
     * index): recording one again changes nothing and answers false.
     */
    boolean addEvent(OutboxItem item, String kind, String detail) {
        return jdbc.sql("""
                        INSERT INTO delivery_event (tenant_id, message_id, campaign_id, kind, detail, occurred_at)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                        .params(
                                item.tenant().value(),
                                item.id(),
                                item.campaignId(),
                                kind,
                                detail == null ? null : truncate(detail, 1000),
                                Timestamp.from(clock.instant()))
                        .update()
                == 1;
    }

    private static OutboxItem item(ResultSet rs) throws SQLException {
        return new OutboxItem(
                new TenantId(rs.getObject("tenant_id", UUID.class)),
                rs.getObject("id", UUID.class),
                rs.getObject("campaign_id", UUID.class),
                rs.getObject("contact_id", UUID.class),
                Channel.valueOf(rs.getString("channel")),
                rs.getString("purpose"),
                rs.getString("address"),
                rs.getString("country"),
                rs.getString("time_zone"),
                rs.getString("coupon_code"),
                rs.getInt("attempts"));
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** What became of one claimed message. */
    record Result(
            TenantId tenant,
            UUID id,
            String status,
            Instant notBefore,
            String reference,
            String code,
            String reason,
            boolean undoAttempt) {}
}
