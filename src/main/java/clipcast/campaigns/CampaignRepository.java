package clipcast.campaigns;

import clipcast.campaigns.domain.CampaignStatus;
import clipcast.consent.Channel;
import clipcast.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class CampaignRepository {

    /** Above every id: campaign ids are time-ordered UUIDs, so a page from here starts with the newest. */
    private static final UUID LAST_ID = new UUID(-1L, -1L);

    private static final String COLUMNS = "id, name, channel, purpose, sender_id, audience, subject, body, offer_id,"
            + " scheduled_at, status, staged_release, staged_reasons, sample_size, hold_until, held_reason,"
            + " evaluation, eligible_count, blocked_count, deferred_count, launched_at, finished_at, created_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CampaignRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The fields a tenant writes. */
    record Fields(
            String name,
            Channel channel,
            String purpose,
            UUID senderId,
            Audience audience,
            String subject,
            String body,
            UUID offerId,
            Instant scheduledAt,
            String stagedRelease) {}

    Campaign insert(TenantId tenant, UUID id, Fields f, Instant now) {
        return jdbc.sql("INSERT INTO campaign (tenant_id, id, name, channel, purpose, sender_id, audience, subject,"
                        + " body, offer_id, scheduled_at, status, staged_release, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, 'DRAFT', ?, ?, ?) RETURNING "
                        + COLUMNS)
                .params(
                        tenant.value(),
                        id,
                        f.name(),
                        f.channel().name(),
                        f.purpose(),
                        f.senderId(),
                        json.writeValueAsString(f.audience()),
                        f.subject(),
                        f.body(),
                        f.offerId(),
                        f.scheduledAt() == null ? null : Timestamp.from(f.scheduledAt()),
                        f.stagedRelease(),
                        Timestamp.from(now),
                        Timestamp.from(now))
                .query((rs, row) -> campaign(rs))
                .single();
    }

    /** Changes a draft (or checked) campaign; a checked one becomes a draft again. */
    Optional<Campaign> update(TenantId tenant, UUID id, Fields f, Instant now) {
        return jdbc.sql("UPDATE campaign SET name = ?, channel = ?, purpose = ?, sender_id = ?,"
                        + " audience = CAST(? AS jsonb), subject = ?, body = ?, offer_id = ?, scheduled_at = ?,"
                        + " staged_release = ?, status = 'DRAFT', updated_at = ?"
                        + " WHERE tenant_id = ? AND id = ? AND status IN ('DRAFT', 'CHECKED') RETURNING "
                        + COLUMNS)
                .params(
                        f.name(),
                        f.channel().name(),
                        f.purpose(),
                        f.senderId(),
                        json.writeValueAsString(f.audience()),
                        f.subject(),
                        f.body(),
                        f.offerId(),
                        f.scheduledAt() == null ? null : Timestamp.from(f.scheduledAt()),
                        f.stagedRelease(),
                        Timestamp.from(now),
                        tenant.value(),
                        id)
                .query((rs, row) -> campaign(rs))
                .optional();
    }

    Optional<Campaign> find(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id)
                .query((rs, row) -> campaign(rs))
                .optional();
    }

    /** The campaign locked for this transaction, or empty when another transaction (any node) holds it. */
    Optional<Campaign> lock(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE tenant_id = ? AND id = ? FOR UPDATE SKIP LOCKED")
                .params(tenant.value(), id)
                .query((rs, row) -> campaign(rs))
                .optional();
    }

    /** The campaign locked for this transaction, waiting for another holder if need be. */
    Optional<Campaign> lockWaiting(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE tenant_id = ? AND id = ? FOR UPDATE")
                .params(tenant.value(), id)
                .query((rs, row) -> campaign(rs))
                .optional();
    }

    List<Campaigns.HeldCampaign> held() {
        return jdbc.sql("SELECT tenant_id, id, name, held_reason, hold_until FROM campaign WHERE status = 'HELD'"
                        + " ORDER BY updated_at")
                .query((rs, row) -> new Campaigns.HeldCampaign(
                        new TenantId(rs.getObject("tenant_id", UUID.class)),
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("held_reason"),
                        instant(rs, "hold_until")))
                .list();
    }

    List<Campaign> page(TenantId tenant, UUID after, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?")
                .params(tenant.value(), after == null ? AudienceEvaluation.START : after, limit)
                .query((rs, row) -> campaign(rs))
                .list();
    }

    /** The tenant's campaigns made before {@code before} (all when null), newest first. */
    List<Campaign> pageNewestFirst(TenantId tenant, UUID before, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE tenant_id = ? AND id < ? ORDER BY id DESC LIMIT ?")
                .params(tenant.value(), before == null ? LAST_ID : before, limit)
                .query((rs, row) -> campaign(rs))
                .list();
    }

    boolean setStatus(TenantId tenant, UUID id, CampaignStatus from, CampaignStatus to) {
        return jdbc.sql(
                                "UPDATE campaign SET status = ?, updated_at = now() WHERE tenant_id = ? AND id = ? AND status = ?")
                        .params(to.name(), tenant.value(), id, from.name())
                        .update()
                == 1;
    }

    void startLaunch(TenantId tenant, UUID id, CampaignStatus status, boolean contentReview, Instant now) {
        jdbc.sql("""
                        UPDATE campaign SET status = ?, evaluation = 'RUNNING', evaluation_after = NULL,
                            launched_at = ?, content_review = ?, updated_at = ?
                        WHERE tenant_id = ? AND id = ?""")
                .params(status.name(), Timestamp.from(now), contentReview, Timestamp.from(now), tenant.value(), id)
                .update();
    }

    UUID evaluationCursor(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT evaluation_after FROM campaign WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id)
                .query(UUID.class)
                .optional()
                .orElse(null);
    }

    /** Adds a decided range's decisions to the campaign's counts. */
    void addCounts(TenantId tenant, UUID id, long eligible, long blocked, long deferred, long imported) {
        jdbc.sql("""
                        UPDATE campaign SET eligible_count = eligible_count + ?, blocked_count = blocked_count + ?,
                            deferred_count = deferred_count + ?, imported_count = imported_count + ?
                        WHERE tenant_id = ? AND id = ?""")
                .params(eligible, blocked, deferred, imported, tenant.value(), id)
                .update();
    }

    /** The audience is planned into ranges up to {@code until} (the end: all of it). */
    void planned(TenantId tenant, UUID id, UUID until) {
        jdbc.sql("UPDATE campaign SET evaluation_after = ? WHERE tenant_id = ? AND id = ?")
                .params(until, tenant.value(), id)
                .update();
    }

    /** A range of a launch still to decide. */
    record Batch(UUID after, UUID last) {}

    void insertBatches(TenantId tenant, UUID campaignId, List<AudienceEvaluation.Range> ranges) {
        jdbc.sql("""
                        INSERT INTO campaign_batch (tenant_id, campaign_id, after_id, last_id)
                        SELECT ?, ?, r.after_id, r.last_id FROM unnest(?::uuid[], ?::uuid[]) AS r (after_id, last_id)""")
                .params(
                        tenant.value(),
                        campaignId,
                        ranges.stream().map(AudienceEvaluation.Range::after).toArray(UUID[]::new),
                        ranges.stream().map(AudienceEvaluation.Range::last).toArray(UUID[]::new))
                .update();
    }

    /** The first range of the campaign no other transaction holds, locked for this one. */
    Optional<Batch> claimBatch(TenantId tenant, UUID campaignId) {
        return jdbc.sql("""
                        SELECT after_id, last_id FROM campaign_batch WHERE tenant_id = ? AND campaign_id = ?
                        ORDER BY after_id LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .params(tenant.value(), campaignId)
                .query((rs, row) -> batch(rs))
                .optional();
    }

    void deleteBatch(TenantId tenant, UUID campaignId, UUID after) {
        jdbc.sql("DELETE FROM campaign_batch WHERE tenant_id = ? AND campaign_id = ? AND after_id = ?")
                .params(tenant.value(), campaignId, after)
                .update();
    }

    boolean hasBatches(TenantId tenant, UUID campaignId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM campaign_batch WHERE tenant_id = ? AND campaign_id = ?)")
                .params(tenant.value(), campaignId)
                .query(Boolean.class)
                .single();
    }

    private static Batch batch(ResultSet rs) throws SQLException {
        return new Batch(rs.getObject("after_id", UUID.class), rs.getObject("last_id", UUID.class));
    }

    record Evaluated(long eligible, long deferred, long imported, boolean contentReview) {}

    Evaluated evaluated(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT eligible_count, deferred_count, imported_count, content_review FROM campaign"
                        + " WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id)
                .query((rs, row) -> new Evaluated(
                        rs.getLong("eligible_count"),
                        rs.getLong("deferred_count"),
                        rs.getLong("imported_count"),
                        rs.getBoolean("content_review")))
                .single();
    }

    void finishEvaluation(
            TenantId tenant,
            UUID id,
            CampaignStatus status,
            List<String> stagedReasons,
            Integer sampleSize,
            Instant holdUntil,
            Instant now) {
        jdbc.sql("""
                        UPDATE campaign SET evaluation = 'DONE', evaluated_at = ?, status = ?, staged_reasons = ?,
                            sample_size = ?, hold_until = ?, updated_at = ?
                        WHERE tenant_id = ? AND id = ?""")
                .params(
                        Timestamp.from(now),
                        status.name(),
                        stagedReasons.toArray(String[]::new),
                        sampleSize,
                        holdUntil == null ? null : Timestamp.from(holdUntil),
                        Timestamp.from(now),
                        tenant.value(),
                        id)
                .update();
    }

    void hold(TenantId tenant, UUID id, String reason) {
        jdbc.sql("UPDATE campaign SET status = 'HELD', held_reason = ?, updated_at = now()"
                        + " WHERE tenant_id = ? AND id = ?")
                .params(reason, tenant.value(), id)
                .update();
    }

    void finish(TenantId tenant, UUID id, CampaignStatus status, Instant now) {
        jdbc.sql("UPDATE campaign SET status = ?, finished_at = ?, updated_at = ? WHERE tenant_id = ? AND id = ?")
                .params(status.name(), Timestamp.from(now), Timestamp.from(now), tenant.value(), id)
                .update();
    }

    /** Whether the tenant finished a campaign before (a first send is staged). */
    boolean sentBefore(TenantId tenant, UUID except) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM campaign WHERE tenant_id = ? AND id <> ? AND status = 'DONE')")
                .params(tenant.value(), except)
                .query(Boolean.class)
                .single();
    }

    /** Campaigns with work for the scheduler, across tenants (platform scope). */
    List<Due> due(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT tenant_id, id, status, evaluation FROM campaign
                        WHERE (status = 'SCHEDULED' AND scheduled_at <= ?)
                           OR evaluation = 'RUNNING'
                           OR (status = 'SAMPLING' AND evaluation = 'DONE' AND hold_until <= ?)
                           OR (status = 'SENDING' AND evaluation = 'DONE')
                        ORDER BY updated_at LIMIT ?""")
                .params(Timestamp.from(now), Timestamp.from(now), limit)
                .query((rs, row) -> new Due(
                        new TenantId(rs.getObject("tenant_id", UUID.class)),
                        rs.getObject("id", UUID.class),
                        CampaignStatus.valueOf(rs.getString("status")),
                        rs.getString("evaluation")))
                .list();
    }

    record Due(TenantId tenant, UUID id, CampaignStatus status, String evaluation) {}

    /** The contacts of a launch batch whose outbox message has no coupon code yet. */
    List<UUID> queuedWithoutCoupon(TenantId tenant, UUID campaignId, UUID after, UUID last) {
        return jdbc.sql("""
                        SELECT contact_id FROM outbox_message
                        WHERE tenant_id = ? AND campaign_id = ? AND contact_id > ? AND contact_id <= ?
                          AND coupon_code IS NULL
                        ORDER BY contact_id""")
                .params(tenant.value(), campaignId, after, last)
                .query(UUID.class)
                .list();
    }

    /**
     * Puts the issued codes into the batch's outbox messages, in one statement. The outbox belongs to the delivery
     * module; the launch writes its rows set-based (see {@code AudienceEvaluation.write}), and so their codes.
     */
    void setCoupons(TenantId tenant, UUID campaignId, List<UUID> contacts, List<String> codes) {
        if (contacts.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE outbox_message o SET coupon_code = u.code
                        FROM unnest(?::uuid[], ?::text[]) AS u (contact_id, code)
                        WHERE o.tenant_id = ? AND o.campaign_id = ? AND o.contact_id = u.contact_id""")
                .params(contacts.toArray(UUID[]::new), codes.toArray(String[]::new), tenant.value(), campaignId)
                .update();
    }

    /** Per-recipient decisions and delivery state, filtered, by contact id (cursor). */
    List<Map<String, Object>> messages(
            TenantId tenant, UUID campaignId, String status, String reason, UUID after, int limit) {
        var sql = new StringBuilder("""
                SELECT r.contact_id, r.status AS decision, r.reason, r.deferred_until, r.decided_at,
                       o.id AS message_id, o.status AS delivery, o.sent_at, o.failure_code, o.attempts
                FROM campaign_recipient r
                LEFT JOIN outbox_message o ON o.tenant_id = r.tenant_id AND o.campaign_id = r.campaign_id
                                          AND o.contact_id = r.contact_id
                WHERE r.tenant_id = :tenant AND r.campaign_id = :campaign AND r.contact_id > :after""");
        if (status != null) {
            sql.append(
                    switch (status) {
                        case "BLOCKED", "DEFERRED", "ELIGIBLE" -> " AND r.status = :status";
                        default -> " AND o.status = :status";
                    });
        }
        if (reason != null) {
            sql.append(" AND (r.reason = :reason OR o.failure_code = :reason)");
        }
        sql.append(" ORDER BY r.contact_id LIMIT :limit");
        var statement = jdbc.sql(sql.toString())
                .param("tenant", tenant.value())
                .param("campaign", campaignId)
                .param("after", after == null ? AudienceEvaluation.START : after)
                .param("limit", limit);
        if (status != null) {
            statement = statement.param("status", status);
        }
        if (reason != null) {
            statement = statement.param("reason", reason);
        }
        return statement
                .query((rs, row) -> {
                    var view = new java.util.LinkedHashMap<String, Object>();
                    view.put("contactId", rs.getObject("contact_id", UUID.class));
                    var decision = rs.getString("decision");
                    var delivery = rs.getString("delivery");
                    view.put("status", delivery != null && !"BLOCKED".equals(decision) ? delivery : decision);
                    view.put("decision", decision);
                    view.put("reason", rs.getString("reason"));
                    view.put("deferredUntil", instant(rs, "deferred_until"));
                    view.put("decidedAt", instant(rs, "decided_at"));
                    view.put("messageId", rs.getObject("message_id", UUID.class));
                    view.put("delivery", delivery);
                    view.put("sentAt", instant(rs, "sent_at"));
                    view.put("failureCode", rs.getString("failure_code"));
                    return (Map<String, Object>) view;
                })
                .list();
    }

    /** Sent and failed messages of each of these campaigns that has any message, in one statement. */
    Map<UUID, Campaigns.Progress> progress(TenantId tenant, List<UUID> campaignIds) {
        var progress = new java.util.HashMap<UUID, Campaigns.Progress>();
        if (campaignIds.isEmpty()) {
            return progress;
        }
        jdbc.sql("""
                        SELECT campaign_id, count(*) FILTER (WHERE status = 'SENT') AS sent,
                               count(*) FILTER (WHERE status = 'FAILED') AS failed
                        FROM outbox_message WHERE tenant_id = ? AND campaign_id = ANY(?)
                        GROUP BY campaign_id""").params(tenant.value(), campaignIds.toArray(UUID[]::new)).query(rs -> {
            progress.put(
                    rs.getObject("campaign_id", UUID.class),
                    new Campaigns.Progress(rs.getLong("sent"), rs.getLong("failed")));
        });
        return progress;
    }

    /** Counts of decisions per status and reason. */
    Map<String, Map<String, Long>> decisionCounts(TenantId tenant, UUID campaignId) {
        var counts = new java.util.TreeMap<String, Map<String, Long>>();
        jdbc.sql("""
                        SELECT status, coalesce(reason, '') AS reason, count(*) AS n FROM campaign_recipient
                        WHERE tenant_id = ? AND campaign_id = ? GROUP BY status, reason""").params(tenant.value(), campaignId).query(rs -> {
            counts.computeIfAbsent(rs.getString("status"), ignored -> new java.util.TreeMap<>())
                    .put(rs.getString("reason"), rs.getLong("n"));
        });
        return counts;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private Campaign campaign(ResultSet rs) throws SQLException {
        var reasons = rs.getArray("staged_reasons");
        return new Campaign(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                Channel.valueOf(rs.getString("channel")),
                rs.getString("purpose"),
                rs.getObject("sender_id", UUID.class),
                json.readValue(rs.getString("audience"), Audience.class),
                rs.getString("subject"),
                rs.getString("body"),
                rs.getObject("offer_id", UUID.class),
                instant(rs, "scheduled_at"),
                CampaignStatus.valueOf(rs.getString("status")),
                rs.getString("staged_release"),
                reasons == null ? List.of() : Arrays.asList((String[]) reasons.getArray()),
                (Integer) rs.getObject("sample_size"),
                instant(rs, "hold_until"),
                rs.getString("held_reason"),
                rs.getString("evaluation"),
                rs.getLong("eligible_count"),
                rs.getLong("blocked_count"),
                rs.getLong("deferred_count"),
                instant(rs, "launched_at"),
                instant(rs, "finished_at"),
                instant(rs, "created_at"));
    }
}
