package clipcast.campaigns;

import static clipcast.compliance.domain.ReasonCode.ACCOUNT_FROZEN;
import static clipcast.compliance.domain.ReasonCode.CONSENT_WITHDRAWN;
import static clipcast.compliance.domain.ReasonCode.DNC_REGISTRY;
import static clipcast.compliance.domain.ReasonCode.DUPLICATE_CONTENT;
import static clipcast.compliance.domain.ReasonCode.FREQUENCY_CAP;
import static clipcast.compliance.domain.ReasonCode.INVALID_ADDRESS;
import static clipcast.compliance.domain.ReasonCode.NO_CONSENT;
import static clipcast.compliance.domain.ReasonCode.QUIET_HOURS;
import static clipcast.compliance.domain.ReasonCode.QUOTA_EXCEEDED;
import static clipcast.compliance.domain.ReasonCode.SUPPRESSED;
import static clipcast.compliance.domain.ReasonCode.UNDERAGE;

import clipcast.compliance.Compliance;
import clipcast.compliance.domain.CompliancePolicies;
import clipcast.compliance.domain.ContentFingerprint;
import clipcast.consent.AddressHashSql;
import clipcast.consent.Consents;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides a campaign's audience in SQL. One statement per keyset range of members reads every member with the facts
 * the policies need — current consent from the ledger, tenant and platform suppression joined by keyed hash,
 * registries, erasure, the recipient's earlier messages for duplicates and caps — and applies the policies there, in
 * the order and with the reasons of {@link CompliancePolicies}. The rules that need code (the recipient's local date
 * for the age, the quiet hours) are decided in Java per distinct (country, time zone), see {@link RecipientGroups},
 * and joined in as arrays. A preflight counts each range with one aggregate, the ranges side by side on as many
 * connections as there are cores; a launch writes each range's decisions and outbox messages with
 * {@code INSERT … SELECT}. No recipient travels through Java.
 *
 * <p>Reads the tables of contacts, consent and delivery directly, read-only, and writes {@code outbox_message} (see
 * {@link #write}).
 */
@Component
class AudienceEvaluation {

    static final UUID START = new UUID(0, 0);

    /** The reason of a member whose (country, time zone) was not among the groups handed in; never recorded. */
    private static final String UNKNOWN_GROUP = "UNKNOWN_GROUP";

    private static final String LIVE_STATUSES = "('HELD', 'QUEUED', 'SENDING', 'SENT')";

    /**
     * Planner settings for the evaluation statements, for their transaction only. Each statement is planned for
     * its own range (a plan cached for the first range, generic in the bounds, is not one for the others); one
     * range (up to a launch batch) fits its hash tables in this memory; the JIT's compile time exceeds its gain on
     * these statements; ranges run side by side on their own connections, so PostgreSQL's own workers would only
     * compete with them.
     */
    private static final List<String> SETTINGS = List.of(
            "SET LOCAL plan_cache_mode = force_custom_plan",
            "SET LOCAL work_mem = '64MB'",
            "SET LOCAL jit = off",
            "SET LOCAL max_parallel_workers_per_gather = 0");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Consents consents;
    private final Compliance compliance;
    private final CampaignsProperties properties;
    private final JsonMapper json;

    AudienceEvaluation(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Consents consents,
            Compliance compliance,
            CampaignsProperties properties,
            JsonMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.consents = consents;
        this.compliance = compliance;
        this.properties = properties;
        this.json = json;
    }

    /** What the decisions need beyond the recipients: the time, the account, the content, the cap. */
    record Context(Instant now, boolean accountFrozen, ContentFingerprint fingerprint, int frequencyCap) {}

    /**
     * The audience counted by decision.
     *
     * @param importedSendable sendable (eligible or deferred) members whose consent came from an import
     * @param firstEligible the first eligible member by id, for the footer preview; null when none
     */
    record Split(
            long total,
            long eligible,
            Map<String, Long> blocked,
            Map<String, Long> deferred,
            long importedSendable,
            UUID firstEligible) {

        long sendable() {
            return eligible
                    + deferred.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * A keyset range of members: after {@code after}, up to {@code last} (inclusive); the last range of an audience
     * ends at {@link #END}.
     */
    record Range(UUID after, UUID last) {
        boolean end() {
            return END.equals(last);
        }
    }

    /** Beyond every uuid: the end of the last range. */
    static final UUID END = new UUID(-1L, -1L);

    /** What one launch batch decided and wrote. */
    record Written(long eligible, long deferred, long blocked, long imported) {}

    /** A member's (country, time zone) appeared after the range was read (a contact changed meanwhile): again. */
    static final class GroupsChanged extends RuntimeException {
        GroupsChanged() {
            super("A member's (country, time zone) appeared while the audience was decided", null, false, false);
        }
    }

    /**
     * The recipients' earlier messages that can matter, found from the tenant's recent campaigns rather than from
     * every message: every message of a campaign carries the campaign's fingerprint (see {@link #write}), and a
     * recipient gets at most one message per campaign.
     *
     * @param similarCampaigns campaigns whose content is the same or similar: their messages are duplicates
     * @param capReachable whether enough campaigns sent in the cap window for anyone to reach the cap
     */
    record History(List<UUID> similarCampaigns, boolean capReachable) {}

    // --- preflight

    /**
     * Counts the whole audience by decision as a send at {@code context.now()} would decide it, with the tenant's
     * {@code credits} counted down in member order (a member past them is QUOTA_EXCEEDED). Writes nothing.
     */
    Split count(TenantId tenant, Campaign campaign, Context context, long credits) {
        return count(tenant, campaign, context, credits, properties.batchSize());
    }

    /** The same, in ranges of {@code chunk} members. */
    Split count(TenantId tenant, Campaign campaign, Context context, long credits, int chunk) {
        for (int attempt = 1; ; attempt++) {
            try {
                return countOnce(tenant, campaign, context, credits, chunk);
            } catch (GroupsChanged e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private record Counted(
            long total, long eligible, long deferred, long imported, Map<String, Long> blocked, String firstEligible) {
        long sendable() {
            return eligible + deferred;
        }
    }

    private Split countOnce(TenantId tenant, Campaign campaign, Context context, long credits, int chunk) {
        var history = history(tenant, campaign, context);
        var ranges = new ArrayList<Range>();
        var counts = new ArrayList<Future<Counted>>();
        // Finding the ranges is cheap (index only); deciding them is not, so they are decided side by side.
        int workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        try (var executor =
                Executors.newFixedThreadPool(workers, Thread.ofVirtual().factory())) {
            var after = START;
            while (true) {
                var from = after;
                var range = transactions.execute(tx -> {
                    settings();
                    return next(tenant, campaign, from, chunk);
                });
                ranges.add(range);
                counts.add(executor.submit(() -> TenantScope.call(
                        tenant,
                        () -> transactions.execute(tx -> {
                            settings();
                            var groups = groups(tenant, campaign, range, context);
                            return count(tenant, campaign, context, history, range, groups, Long.MAX_VALUE);
                        }))));
                if (range.end()) {
                    break;
                }
                after = range.last();
            }
        }
        long total = 0;
        long eligible = 0;
        long deferred = 0;
        long imported = 0;
        var blocked = new TreeMap<String, Long>();
        String first = null;
        long creditsLeft = credits;
        for (int i = 0; i < ranges.size(); i++) {
            var counted = done(counts.get(i));
            if (counted.sendable() > creditsLeft) {
                // The credits run out in this range: its members decided again with the rest of the credits;
                // everyone sendable after it is over quota.
                var range = ranges.get(i);
                long left = creditsLeft;
                counted = left == 0
                        ? overQuota(counted)
                        : transactions.execute(tx -> {
                            settings();
                            var groups = groups(tenant, campaign, range, context);
                            return count(tenant, campaign, context, history, range, groups, left);
                        });
            }
            creditsLeft -= counted.sendable();
            total += counted.total();
            eligible += counted.eligible();
            deferred += counted.deferred();
            imported += counted.imported();
            counted.blocked().forEach((reason, n) -> blocked.merge(reason, n, Long::sum));
            if (first == null) {
                first = counted.firstEligible();
            }
        }
        return new Split(
                total,
                eligible,
                blocked,
                deferred == 0 ? Map.of() : Map.of(QUIET_HOURS.name(), deferred),
                imported,
                first == null ? null : UUID.fromString(first));
    }

    private static Counted overQuota(Counted counted) {
        var blocked = new HashMap<>(counted.blocked());
        blocked.merge(QUOTA_EXCEEDED.name(), counted.sendable(), Long::sum);
        return new Counted(counted.total(), 0, 0, 0, blocked, null);
    }

    private static Counted done(Future<Counted> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the audience was counted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Counts one range by decision, in the caller's transaction. */
    private Counted count(
            TenantId tenant,
            Campaign campaign,
            Context context,
            History history,
            Range range,
            RecipientGroups groups,
            long credits) {
        boolean quota = credits != Long.MAX_VALUE;
        var decided = decisions(campaign, history);
        if (quota) {
            decided = quotaCut(decided);
        }
        // PostgreSQL has no min(uuid); the text of a uuid sorts like the uuid in the C collation.
        var sql = """
                SELECT d.blocked_by, d.quiet_until IS NOT NULL AS deferred, count(*) AS n,
                       count(*) FILTER (WHERE d.imported) AS imported,
                       min(d.id::text COLLATE "C") FILTER (WHERE d.blocked_by IS NULL AND d.quiet_until IS NULL)
                           AS first_eligible
                FROM (%s) d
                GROUP BY 1, 2""".formatted(decided);
        var statement = bind(jdbc.sql(sql), tenant, campaign, context, history, range, groups);
        if (quota) {
            statement = statement.param("credits", credits);
        }
        long[] totals = new long[4];
        var blocked = new HashMap<String, Long>();
        String[] first = new String[1];
        statement.query(rs -> {
            var reason = rs.getString("blocked_by");
            long n = rs.getLong("n");
            if (UNKNOWN_GROUP.equals(reason)) {
                throw new GroupsChanged();
            }
            totals[0] += n;
            if (reason != null) {
                blocked.merge(reason, n, Long::sum);
            } else if (rs.getBoolean("deferred")) {
                totals[2] += n;
                totals[3] += rs.getLong("imported");
            } else {
                totals[1] += n;
                totals[3] += rs.getLong("imported");
                first[0] = rs.getString("first_eligible");
            }
        });
        return new Counted(totals[0], totals[1], totals[2], totals[3], blocked, first[0]);
    }

    // --- launch

    /**
     * The range of the next {@code limit} members after {@code after}: up to the last of them, or to {@link #END}
     * when fewer are left. Reads ids only (the index).
     */
    Range next(TenantId tenant, Campaign campaign, UUID after, int limit) {
        var from = after == null ? START : after;
        var sql = "SELECT c.id FROM contact c WHERE %s ORDER BY c.id OFFSET :skip LIMIT 1"
                .formatted(members(campaign, "c.id > :after", "l.contact_id > :after"));
        var last = membership(jdbc.sql(sql), campaign)
                .param("tenant", tenant.value())
                .param("after", from)
                .param("skip", limit - 1)
                .query(UUID.class)
                .optional();
        return new Range(from, last.orElse(END));
    }

    /**
     * The (country, time zone) groups of the contacts in the range, decided. All of the tenant's contacts in it,
     * members or not: more groups than needed cost nothing.
     */
    RecipientGroups groups(TenantId tenant, Campaign campaign, Range range, Context context) {
        var keys = jdbc.sql("""
                        SELECT coalesce(c.country, '') AS country, coalesce(c.time_zone, '') AS time_zone
                        FROM contact c
                        WHERE c.tenant_id = :tenant AND c.id > :after AND c.id <= :last
                        GROUP BY 1, 2""")
                .param("tenant", tenant.value())
                .param("after", range.after())
                .param("last", range.last())
                .query((rs, row) -> new RecipientGroups.Key(rs.getString("country"), rs.getString("time_zone")))
                .list();
        return RecipientGroups.decide(keys, campaign.channel().name(), context.now(), compliance.quietHours());
    }

    /**
     * Decides the members of {@code range} and writes, in the caller's transaction, every decision to
     * {@code campaign_recipient} and a HELD outbox message for every sendable member. The range's rows are new: a
     * range is decided in one transaction with the removal of its plan. Credits are the caller's: see
     * {@link #overQuota}.
     *
     * <p>The outbox belongs to the delivery module; its rows are written here, set-based, with the columns and
     * values {@code OutboxRepository.enqueue} writes (a held message; {@code not_before} now or when the quiet
     * hours end; the campaign's content fingerprint, the same on every message of the campaign, which
     * {@link #history} relies on), because a million rows through Java would cost more than the whole decision.
     *
     * @throws GroupsChanged when a member of the range has a (country, time zone) the range was not read with
     */
    Written write(TenantId tenant, Campaign campaign, Range range, RecipientGroups groups, Context context) {
        settings();
        var history = history(tenant, campaign, context);
        var sql = WRITE.formatted(decisions(campaign, history), QUIET_HOURS.name(), UNKNOWN_GROUP);
        var written = bind(jdbc.sql(sql), tenant, campaign, context, history, range, groups)
                .param("now", Timestamp.from(context.now()))
                .param("simhash", context.fingerprint().simhash())
                .query((rs, row) -> rs.getLong("unknown") > 0
                        ? null
                        : new Written(
                                rs.getLong("eligible"),
                                rs.getLong("deferred"),
                                rs.getLong("blocked"),
                                rs.getLong("imported")))
                .single();
        if (written == null) {
            throw new GroupsChanged();
        }
        return written;
    }

    /**
     * The range's sendable members after the first {@code keep} (by id) become QUOTA_EXCEEDED and lose their
     * message: the credits ran out. Returns what changed, to take from the range's counts.
     */
    Written overQuota(TenantId tenant, Campaign campaign, Range range, long keep) {
        return jdbc.sql("""
                        WITH over AS (
                            SELECT r.contact_id, r.status FROM campaign_recipient r
                            WHERE r.tenant_id = :tenant AND r.campaign_id = :campaign
                              AND r.contact_id > :after AND r.contact_id <= :last AND r.status <> 'BLOCKED'
                            ORDER BY r.contact_id OFFSET :keep),
                        blocked AS (
                            UPDATE campaign_recipient r SET status = 'BLOCKED', reason = '%s', deferred_until = NULL
                            FROM over
                            WHERE r.tenant_id = :tenant AND r.campaign_id = :campaign AND r.contact_id = over.contact_id),
                        unqueued AS (
                            DELETE FROM outbox_message o USING over
                            WHERE o.tenant_id = :tenant AND o.campaign_id = :campaign AND o.contact_id = over.contact_id)
                        SELECT count(*) FILTER (WHERE over.status = 'ELIGIBLE') AS eligible,
                               count(*) FILTER (WHERE over.status = 'DEFERRED') AS deferred,
                               count(*) AS blocked,
                               count(*) FILTER (WHERE (SELECT c.method FROM consent_record c
                                                       WHERE c.tenant_id = :tenant AND c.contact_id = over.contact_id
                                                         AND c.channel = :channel AND c.purpose = :purpose
                                                       ORDER BY c.seq DESC LIMIT 1) = 'IMPORT') AS imported
                        FROM over""".formatted(QUOTA_EXCEEDED.name()))
                .param("tenant", tenant.value())
                .param("campaign", campaign.id())
                .param("after", range.after())
                .param("last", range.last())
                .param("keep", keep)
                .param("channel", campaign.channel().name())
                .param("purpose", campaign.purpose())
                .query((rs, row) -> new Written(
                        rs.getLong("eligible"), rs.getLong("deferred"), rs.getLong("blocked"), rs.getLong("imported")))
                .single();
    }

    // --- the SQL

    /** A range's decisions and messages written, and counted. */
    private static final String WRITE = """
                WITH final AS MATERIALIZED (%s),
                recorded AS (
                    INSERT INTO campaign_recipient (tenant_id, campaign_id, contact_id, status, reason, deferred_until,
                                                    decided_at)
                    SELECT :tenant, :campaign, f.id,
                           CASE WHEN f.blocked_by IS NOT NULL THEN 'BLOCKED'
                                WHEN f.quiet_until IS NOT NULL THEN 'DEFERRED' ELSE 'ELIGIBLE' END,
                           coalesce(f.blocked_by, CASE WHEN f.quiet_until IS NOT NULL THEN '%s' END),
                           CASE WHEN f.blocked_by IS NULL THEN f.quiet_until END,
                           :now
                    FROM final f),
                queued AS (
                    INSERT INTO outbox_message (tenant_id, id, campaign_id, contact_id, channel, purpose, address,
                                                country, time_zone, coupon_code, fingerprint, simhash, status,
                                                not_before, created_at)
                    SELECT :tenant, uuidv7(CAST(:now AS timestamptz) - statement_timestamp()), :campaign, f.id,
                           :channel, :purpose, f.address, f.country, f.time_zone, NULL, :fingerprint, :simhash,
                           'HELD', coalesce(f.quiet_until, :now), :now
                    FROM final f
                    WHERE f.blocked_by IS NULL)
                SELECT count(*) FILTER (WHERE f.blocked_by IS NULL AND f.quiet_until IS NULL) AS eligible,
                       count(*) FILTER (WHERE f.blocked_by IS NULL AND f.quiet_until IS NOT NULL) AS deferred,
                       count(*) FILTER (WHERE f.blocked_by IS NOT NULL) AS blocked,
                       count(*) FILTER (WHERE f.blocked_by IS NULL AND f.imported) AS imported,
                       count(*) FILTER (WHERE f.blocked_by = '%s') AS unknown
                FROM final f""";

    /**
     * The members of the range with their decision: {@code blocked_by} (the first blocking policy's reason, or
     * null) and {@code quiet_until} (the deferral, or null), and the columns an outbox message needs. The policies
     * in the order of {@link CompliancePolicies}; restriction and objection are not recorded on contacts yet, so they
     * never block (as before).
     */
    private String decisions(Campaign campaign, History history) {
        var channel = campaign.channel().name();
        var address = switch (campaign.channel()) {
            case EMAIL -> "c.email";
            case SMS -> "c.phone";
            case PUSH -> "c.id::text";
        };
        var addressValid = switch (campaign.channel()) {
            case EMAIL -> "c.email IS NOT NULL";
            case SMS -> "c.phone IS NOT NULL";
            case PUSH ->
                "EXISTS (SELECT 1 FROM push_subscription ps"
                        + " WHERE ps.tenant_id = c.tenant_id AND ps.contact_id = c.id)";
        };
        // A registry entry blocks SMS only (DoNotCallRegistryPolicy); on other channels it is no suppression.
        var dnc = "SMS".equals(channel) ? "s.dnc" : "false";
        var joins = new StringBuilder();
        var duplicate = "false";
        if (!history.similarCampaigns().isEmpty()) {
            duplicate = "dup.contact_id IS NOT NULL";
            joins.append("""
                    LEFT JOIN (
                        SELECT DISTINCT o.contact_id FROM outbox_message o
                        WHERE o.tenant_id = :tenant AND o.campaign_id = ANY(:similarCampaigns)
                          AND o.contact_id > :after AND o.contact_id <= :last AND o.channel = :channel
                          AND o.created_at >= :duplicateSince AND o.status IN %s
                        ) dup ON dup.contact_id = m.id
                    """.formatted(LIVE_STATUSES));
        }
        var capped = ":cap <= 0";
        if (history.capReachable()) {
            capped = ":cap <= 0 OR capped.contact_id IS NOT NULL";
            joins.append("""
                    LEFT JOIN (
                        SELECT o.contact_id FROM outbox_message o
                        WHERE o.tenant_id = :tenant AND o.contact_id > :after AND o.contact_id <= :last
                          AND o.channel = :channel AND o.created_at >= :capSince AND o.campaign_id <> :campaign
                          AND o.status IN %s
                        GROUP BY o.contact_id
                        HAVING count(*) >= :cap) capped ON capped.contact_id = m.id
                    """.formatted(LIVE_STATUSES));
        }
        return """
                SELECT m.id, m.address, m.country, m.time_zone,
                       CASE
                           WHEN g.country IS NULL THEN '%s'
                           WHEN :frozen THEN '%s'
                           WHEN m.erased OR s.suppressed THEN '%s'
                           WHEN %s THEN '%s'
                           WHEN NOT m.address_valid THEN '%s'
                           WHEN m.birth_date > g.adult_born_by THEN '%s'
                           WHEN cr.status IS NULL THEN '%s'
                           WHEN cr.status <> 'GRANTED' THEN '%s'
                           WHEN %s THEN '%s'
                           WHEN %s THEN '%s'
                       END AS blocked_by,
                       g.quiet_until,
                       coalesce(cr.method = 'IMPORT', false) AS imported
                FROM (SELECT c.id, %s AS address, c.country, c.time_zone, c.birth_date,
                             c.erased_at IS NOT NULL AS erased, %s AS address_valid, %s AS address_hash
                      FROM contact c
                      WHERE %s) m
                LEFT JOIN (
                    SELECT DISTINCT ON (r.contact_id) r.contact_id, r.status, r.method
                    FROM consent_record r
                    WHERE r.tenant_id = :tenant AND r.contact_id > :after AND r.contact_id <= :last
                      AND r.channel = :channel AND r.purpose = :purpose
                    ORDER BY r.contact_id, r.seq DESC) cr ON cr.contact_id = m.id
                LEFT JOIN (
                    SELECT p.address_hash, true AS suppressed, false AS dnc
                    FROM platform_suppression p
                    WHERE p.channel = :channel
                    UNION ALL
                    SELECT t.address_hash, t.reason <> 'DNC_REGISTRY', t.reason = 'DNC_REGISTRY'
                    FROM suppression t
                    WHERE t.tenant_id = :tenant AND t.channel = :channel
                      AND NOT EXISTS (SELECT 1 FROM platform_suppression p
                                      WHERE p.channel = :channel AND p.address_hash = t.address_hash)
                    ) s ON s.address_hash = m.address_hash
                LEFT JOIN unnest(CAST(:groupCountries AS text[]), CAST(:groupZones AS text[]),
                                 CAST(:groupAdultBornBy AS date[]), CAST(:groupQuietUntil AS timestamptz[]))
                    AS g (country, time_zone, adult_born_by, quiet_until)
                    ON g.country = coalesce(m.country, '') AND g.time_zone = coalesce(m.time_zone, '')
                %s""".formatted(
                UNKNOWN_GROUP,
                ACCOUNT_FROZEN.name(),
                SUPPRESSED.name(),
                dnc,
                DNC_REGISTRY.name(),
                INVALID_ADDRESS.name(),
                UNDERAGE.name(),
                NO_CONSENT.name(),
                CONSENT_WITHDRAWN.name(),
                duplicate,
                DUPLICATE_CONTENT.name(),
                capped,
                FREQUENCY_CAP.name(),
                address,
                addressValid,
                AddressHashSql.expression(channel, address),
                members(campaign, "c.id > :after AND c.id <= :last", "l.contact_id > :after AND l.contact_id <= :last"),
                joins);
    }

    /** The decisions with the {@code :credits} counted down in member order: past them, QUOTA_EXCEEDED. */
    private static String quotaCut(String decisions) {
        return """
                SELECT q.id, q.address, q.country, q.time_zone,
                       CASE WHEN q.blocked_by IS NULL AND q.sendable_rank > :credits THEN '%s'
                            ELSE q.blocked_by END AS blocked_by,
                       CASE WHEN q.blocked_by IS NULL AND q.sendable_rank > :credits THEN NULL
                            ELSE q.quiet_until END AS quiet_until,
                       q.imported
                FROM (SELECT d.*, count(*) FILTER (WHERE d.blocked_by IS NULL)
                                      OVER (ORDER BY d.id ROWS UNBOUNDED PRECEDING) AS sendable_rank
                      FROM (%s) d) q""".formatted(QUOTA_EXCEEDED.name(), decisions);
    }

    /**
     * The campaign's members among the tenant's contacts that meet {@code condition}; {@code listCondition} is the
     * same range on the list memberships, which PostgreSQL does not infer.
     */
    private static String members(Campaign campaign, String condition, String listCondition) {
        var audience = campaign.audience();
        var membership = new ArrayList<String>();
        if (!audience.labels().isEmpty()) {
            membership.add("EXISTS (SELECT 1 FROM contact_list l WHERE l.tenant_id = c.tenant_id"
                    + " AND l.contact_id = c.id AND l.list = ANY(:labels) AND " + listCondition + ")");
        }
        if (!audience.contactIds().isEmpty()) {
            membership.add("c.id = ANY(:ids)");
        }
        var where = new StringBuilder("c.tenant_id = :tenant AND ").append(condition);
        if (!membership.isEmpty()) {
            where.append(" AND (").append(String.join(" OR ", membership)).append(")");
        }
        if (!audience.attributes().isEmpty()) {
            where.append(" AND c.attributes @> CAST(:attributes AS jsonb)");
        }
        return where.toString();
    }

    private JdbcClient.StatementSpec membership(JdbcClient.StatementSpec statement, Campaign campaign) {
        var audience = campaign.audience();
        if (!audience.labels().isEmpty()) {
            statement = statement.param("labels", audience.labels().toArray(String[]::new));
        }
        if (!audience.contactIds().isEmpty()) {
            statement = statement.param("ids", audience.contactIds().toArray(UUID[]::new));
        }
        if (!audience.attributes().isEmpty()) {
            statement = statement.param("attributes", json.writeValueAsString(audience.attributes()));
        }
        return statement;
    }

    private JdbcClient.StatementSpec bind(
            JdbcClient.StatementSpec statement,
            TenantId tenant,
            Campaign campaign,
            Context context,
            History history,
            Range range,
            RecipientGroups groups) {
        var pads = consents.addressHashSql();
        statement = membership(statement, campaign)
                .param("tenant", tenant.value())
                .param("after", range.after())
                .param("last", range.last())
                .param("channel", campaign.channel().name())
                .param("purpose", campaign.purpose())
                .param("campaign", campaign.id())
                .param("frozen", context.accountFrozen())
                .param("hashInner", pads.innerPad())
                .param("hashOuter", pads.outerPad())
                .param("fingerprint", context.fingerprint().exact())
                .param("cap", context.frequencyCap())
                .param("groupCountries", groups.countries())
                .param("groupZones", groups.timeZones())
                .param("groupAdultBornBy", groups.adultBornBy())
                .param("groupQuietUntil", groups.quietUntil());
        if (!history.similarCampaigns().isEmpty()) {
            statement = statement
                    .param("similarCampaigns", history.similarCampaigns().toArray(UUID[]::new))
                    .param("duplicateSince", Timestamp.from(context.now().minus(properties.duplicateWindow())));
        }
        if (history.capReachable()) {
            statement = statement.param("capSince", Timestamp.from(context.now().minus(properties.capWindow())));
        }
        return statement;
    }

    /** The planner settings of the evaluation, for the caller's transaction. */
    void settings() {
        SETTINGS.forEach(setting -> jdbc.sql(setting).update());
    }

    /**
     * The tenant's other campaigns on the channel that may have messages in the duplicate or cap window (launched,
     * and not finished deciding before the window began), each with the fingerprint its messages carry.
     */
    History history(TenantId tenant, Campaign campaign, Context context) {
        var duplicateSince = context.now().minus(properties.duplicateWindow());
        var capSince = context.now().minus(properties.capWindow());
        var since = duplicateSince.isBefore(capSince) ? duplicateSince : capSince;
        var similar = new ArrayList<UUID>();
        int[] inCapWindow = new int[1];
        jdbc.sql("""
                        SELECT k.id, k.evaluated_at, o.fingerprint, o.simhash
                        FROM campaign k
                        CROSS JOIN LATERAL (
                            SELECT m.fingerprint, m.simhash FROM outbox_message m
                            WHERE m.tenant_id = k.tenant_id AND m.campaign_id = k.id LIMIT 1) o
                        WHERE k.tenant_id = :tenant AND k.channel = :channel AND k.id <> :campaign
                          AND k.launched_at IS NOT NULL AND (k.evaluated_at IS NULL OR k.evaluated_at >= :since)""")
                .param("tenant", tenant.value())
                .param("channel", campaign.channel().name())
                .param("campaign", campaign.id())
                .param("since", Timestamp.from(since))
                .query(rs -> {
                    var evaluated = rs.getTimestamp("evaluated_at");
                    if (evaluated == null || !evaluated.toInstant().isBefore(duplicateSince)) {
                        var theirs = new ContentFingerprint(rs.getLong("fingerprint"), rs.getLong("simhash"));
                        if (context.fingerprint().sameOrSimilar(theirs)) {
                            similar.add(rs.getObject("id", UUID.class));
                        }
                    }
                    if (evaluated == null || !evaluated.toInstant().isBefore(capSince)) {
                        inCapWindow[0]++;
                    }
                });
        return new History(similar, inCapWindow[0] >= context.frequencyCap());
    }

    static ZoneId zone(String timeZone) {
        if (timeZone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
