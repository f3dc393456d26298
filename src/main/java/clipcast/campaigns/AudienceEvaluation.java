package clipcast.campaigns;

import clipcast.compliance.Compliance;
import clipcast.compliance.domain.ContentFingerprint;
import clipcast.compliance.domain.Decision;
import clipcast.compliance.domain.Recipient;
import clipcast.compliance.domain.Sending;
import clipcast.consent.AddressHashSql;
import clipcast.consent.Consents;
import clipcast.tenancy.TenantId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides a campaign's audience set-based: one SQL statement per keyset batch gathers, for every member, the facts
 * the policies need (current consent from the ledger, tenant and platform suppression joined by keyed hash,
 * registries, erasure, the recipient's recent messages for duplicates and caps); the policies then decide each
 * row in memory. Reads the tables of contacts, consent and delivery directly, read-only, so that a million
 * recipients are decided in a handful of statements instead of millions of calls.
 */
@Component
class AudienceEvaluation {

    static final UUID START = new UUID(0, 0);

    private final JdbcClient jdbc;
    private final Consents consents;
    private final Compliance compliance;
    private final CampaignsProperties properties;
    private final JsonMapper json;

    AudienceEvaluation(
            JdbcClient jdbc,
            Consents consents,
            Compliance compliance,
            CampaignsProperties properties,
            JsonMapper json) {
        this.jdbc = jdbc;
        this.consents = consents;
        this.compliance = compliance;
        this.properties = properties;
        this.json = json;
    }

    /** One member of the audience with what was decided for them. */
    record Decided(
            UUID contactId,
            String address,
            String country,
            String timeZone,
            boolean importedConsent,
            Decision decision) {}

    /** What the decisions of a batch need beyond the recipients: the time, the account, the content. */
    record Context(
            Instant now,
            boolean accountFrozen,
            ContentFingerprint fingerprint,
            int frequencyCap,
            CreditCounter credits) {}

    /** Credits left while a batch is decided: a preflight counts down, a launch takes them per batch. */
    interface CreditCounter {
        long left();

        void use();
    }

    /** Decides the next batch of members after {@code after} (exclusive); fewer than {@code limit} means the end. */
    List<Decided> next(TenantId tenant, Campaign campaign, UUID after, int limit, Context context) {
        var channel = campaign.channel().name();
        var addressColumn = switch (campaign.channel()) {
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
        var audience = campaign.audience();
        var membership = new ArrayList<String>();
        if (!audience.labels().isEmpty()) {
            membership.add("EXISTS (SELECT 1 FROM contact_list l WHERE l.tenant_id = c.tenant_id"
                    + " AND l.contact_id = c.id AND l.list = ANY(:labels))");
        }
        if (!audience.contactIds().isEmpty()) {
            membership.add("c.id = ANY(:ids)");
        }
        var where = new StringBuilder("c.tenant_id = :tenant AND c.id > :after");
        if (!membership.isEmpty()) {
            where.append(" AND (").append(String.join(" OR ", membership)).append(")");
        }
        if (!audience.attributes().isEmpty()) {
            where.append(" AND c.attributes @> CAST(:attributes AS jsonb)");
        }
        var hash = AddressHashSql.expression(channel, "a.address");
        var sql = """
                SELECT c.id, a.address, c.country, c.time_zone, c.birth_date, c.erased_at IS NOT NULL AS erased,
                       %s AS address_valid,
                       cr.status AS consent, cr.method AS consent_method,
                       EXISTS (SELECT 1 FROM platform_suppression p
                               WHERE p.channel = :channel AND p.address_hash = h.hash) AS platform_suppressed,
                       sup.dnc, sup.suppressed,
                       hist.fingerprints, hist.simhashes, coalesce(hist.in_cap_window, 0) AS in_cap_window
                FROM contact c
                CROSS JOIN LATERAL (SELECT %s AS address) a
                CROSS JOIN LATERAL (SELECT CASE WHEN a.address IS NULL THEN NULL ELSE %s END AS hash) h
                LEFT JOIN LATERAL (
                    SELECT r.status, r.method FROM consent_record r
                    WHERE r.tenant_id = c.tenant_id AND r.contact_id = c.id AND r.channel = :channel
                      AND r.purpose = :purpose
                    ORDER BY r.seq DESC LIMIT 1) cr ON true
                LEFT JOIN LATERAL (
                    SELECT bool_or(s.reason = 'DNC_REGISTRY') AS dnc, bool_or(s.reason <> 'DNC_REGISTRY') AS suppressed
                    FROM suppression s
                    WHERE s.tenant_id = c.tenant_id AND s.channel = :channel AND s.address_hash = h.hash) sup ON true
                LEFT JOIN LATERAL (
                    SELECT array_agg(o.fingerprint) FILTER (WHERE o.created_at >= :duplicateSince) AS fingerprints,
                           array_agg(o.simhash) FILTER (WHERE o.created_at >= :duplicateSince) AS simhashes,
                           count(*) FILTER (WHERE o.created_at >= :capSince) AS in_cap_window
                    FROM outbox_message o
                    WHERE o.tenant_id = c.tenant_id AND o.contact_id = c.id AND o.channel = :channel
                      AND o.created_at >= :historySince AND o.campaign_id <> :campaign
                      AND o.status IN ('HELD', 'QUEUED', 'SENDING', 'SENT')) hist ON true
                WHERE %s
                ORDER BY c.id
                LIMIT :limit""".formatted(addressValid, addressColumn, hash, where);
        var pads = consents.addressHashSql();
        var duplicateSince = context.now().minus(properties.duplicateWindow());
        var capSince = context.now().minus(properties.capWindow());
        var statement = jdbc.sql(sql)
                .param("tenant", tenant.value())
                .param("after", after == null ? START : after)
                .param("channel", channel)
                .param("purpose", campaign.purpose())
                .param("hashInner", pads.innerPad())
                .param("hashOuter", pads.outerPad())
                .param("campaign", campaign.id())
                .param("duplicateSince", Timestamp.from(duplicateSince))
                .param("capSince", Timestamp.from(capSince))
                .param("historySince", Timestamp.from(duplicateSince.isBefore(capSince) ? duplicateSince : capSince))
                .param("limit", limit);
        if (!audience.labels().isEmpty()) {
            statement = statement.param("labels", audience.labels().toArray(String[]::new));
        }
        if (!audience.contactIds().isEmpty()) {
            statement = statement.param("ids", audience.contactIds().toArray(UUID[]::new));
        }
        if (!audience.attributes().isEmpty()) {
            statement = statement.param("attributes", json.writeValueAsString(audience.attributes()));
        }
        return statement.query((rs, row) -> decide(campaign, rs, context)).list();
    }

    private Decided decide(Campaign campaign, ResultSet rs, Context context) throws SQLException {
        var consentStatus = rs.getString("consent");
        var consent = consentStatus == null
                ? Recipient.ConsentState.NONE
                : "GRANTED".equals(consentStatus) ? Recipient.ConsentState.GRANTED : Recipient.ConsentState.WITHDRAWN;
        var timeZone = rs.getString("time_zone");
        var birth = rs.getObject("birth_date", LocalDate.class);
        var recipient = new Recipient(
                campaign.channel().name(),
                consent,
                rs.getBoolean("platform_suppressed") || rs.getBoolean("suppressed") || rs.getBoolean("erased"),
                rs.getBoolean("dnc"),
                false,
                false,
                rs.getBoolean("address_valid"),
                birth,
                rs.getString("country"),
                zone(timeZone));
        var sending = new Sending(
                context.now(),
                context.accountFrozen(),
                context.credits().left(),
                context.fingerprint(),
                fingerprints(rs.getArray("fingerprints"), rs.getArray("simhashes")),
                rs.getInt("in_cap_window"),
                context.frequencyCap());
        var decision = compliance.decide(recipient, sending);
        if (!(decision instanceof Decision.Block)) {
            context.credits().use();
        }
        return new Decided(
                rs.getObject("id", UUID.class),
                rs.getString("address"),
                rs.getString("country"),
                timeZone,
                "IMPORT".equals(rs.getString("consent_method")),
                decision);
    }

    private static List<ContentFingerprint> fingerprints(Array exact, Array similar) throws SQLException {
        if (exact == null || similar == null) {
            return List.of();
        }
        var exacts = (Long[]) exact.getArray();
        var simhashes = (Long[]) similar.getArray();
        var list = new ArrayList<ContentFingerprint>(exacts.length);
        for (int i = 0; i < exacts.length; i++) {
            list.add(new ContentFingerprint(exacts[i], simhashes[i]));
        }
        return list;
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
