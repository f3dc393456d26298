package clipcast.coupons;

import clipcast.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RedemptionRepository {

    /**
     * Redeems a code in one conditional statement: the code row is locked and re-checked (per-code limit,
     * validity, pause, void), then the per-contact counter and the offer's total counter are raised only where
     * their limits allow, and the redemption row is written only when everything passed. Concurrent requests for
     * the same code queue on its row lock and see the counter the winner left. When a limit refuses after another
     * counter was raised, the caller rolls the transaction back; the answer is then a refusal. That can only happen
     * when the offer limits redemptions both per contact and in total and the redemption names a contact; every other
     * redemption writes all or nothing by itself, and {@link #redeemAlone} runs it without a transaction around it.
     */
    private static final String REDEEM = """
            WITH target AS (
                SELECT c.tenant_id, c.code, c.offer_id, c.generic, coalesce(c.contact_id, :contact) AS contact_id,
                       o.max_per_contact, o.max_total
                FROM coupon_code c JOIN offer o ON o.tenant_id = c.tenant_id AND o.id = c.offer_id
                WHERE c.tenant_id = :tenant AND c.code = :code AND c.generic = :generic
                  AND c.voided_at IS NULL AND NOT o.paused
                  AND (o.valid_from IS NULL OR o.valid_from <= :now)
                  AND coalesce(c.valid_until, o.valid_until, 'infinity') > :now
                  AND (c.generic OR o.max_per_code IS NULL OR c.redemptions < o.max_per_code)
                  %s
                %s
            ), contact_ok AS (
                INSERT INTO contact_redemption_count AS k (tenant_id, offer_id, contact_id, redemptions)
                SELECT tenant_id, offer_id, contact_id, 1 FROM target
                WHERE max_per_contact IS NOT NULL AND contact_id IS NOT NULL
                ON CONFLICT (tenant_id, offer_id, contact_id) DO UPDATE SET redemptions = k.redemptions + 1
                    WHERE k.redemptions < (SELECT max_per_contact FROM target)
                RETURNING 1
            ), cap_ok AS (
                UPDATE offer o SET redeemed_total = o.redeemed_total + 1
                FROM target t
                WHERE o.tenant_id = t.tenant_id AND o.id = t.offer_id
                  AND o.max_total IS NOT NULL AND o.redeemed_total < o.max_total
                  AND (t.max_per_contact IS NULL OR t.contact_id IS NULL OR EXISTS (SELECT 1 FROM contact_ok))
                RETURNING 1
            ), allowed AS (
                SELECT t.* FROM target t
                WHERE (t.max_per_contact IS NULL OR t.contact_id IS NULL OR EXISTS (SELECT 1 FROM contact_ok))
                  AND (t.max_total IS NULL OR EXISTS (SELECT 1 FROM cap_ok))
            ), counted AS (
                UPDATE coupon_code c SET redemptions = c.redemptions + 1
                FROM allowed a
                WHERE c.tenant_id = a.tenant_id AND c.code = a.code AND NOT a.generic
                RETURNING 1
            )
            INSERT INTO redemption (tenant_id, id, offer_id, code, contact_id, order_amount, currency, location,
                                    redeemed_at)
            SELECT tenant_id, :id, offer_id, code, contact_id, :amount, :currency, :location, :now FROM allowed
            RETURNING id, offer_id, code, contact_id, order_amount, currency, location, redeemed_at, reversed_at""";

    /** A unique code is locked while it is checked; a shared code is not (its offer row serialises instead). */
    private static final PositionalSql REDEEM_UNIQUE = PositionalSql.of(REDEEM.formatted("", "FOR UPDATE OF c"));

    private static final PositionalSql REDEEM_GENERIC = PositionalSql.of(REDEEM.formatted("", ""));

    /** The redemptions that cannot be left half done: no contact counter raised for a total cap that refuses. */
    private static final String ALONE =
            "AND (o.max_per_contact IS NULL OR o.max_total IS NULL OR coalesce(c.contact_id, :contact) IS NULL)";

    private static final PositionalSql REDEEM_UNIQUE_ALONE =
            PositionalSql.of(REDEEM.formatted(ALONE, "FOR UPDATE OF c"));

    private static final PositionalSql REDEEM_GENERIC_ALONE = PositionalSql.of(REDEEM.formatted(ALONE, ""));

    /**
     * A statement whose named parameters are made positional once. Spring rewrites a named statement on every
     * execution; for the till's two kilobytes of SQL that was a tenth of what a redemption request allocated.
     */
    private record PositionalSql(String sql, ParsedSql parsed) {
        static PositionalSql of(String named) {
            var parsed = NamedParameterUtils.parseSqlStatement(named);
            return new PositionalSql(NamedParameterUtils.substituteNamedParameters(parsed, null), parsed);
        }

        Object[] values(SqlParameterSource named) {
            return NamedParameterUtils.buildValueArray(parsed, named, null);
        }
    }

    private static final String COLUMNS =
            "id, offer_id, code, contact_id, order_amount, currency, location, redeemed_at, reversed_at";

    private final JdbcClient jdbc;

    RedemptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The redemption, or empty when a condition refused it. Needs a transaction (see {@link #REDEEM}). */
    Optional<Redemption> redeem(
            TenantId tenant, UUID id, String code, boolean generic, RedemptionRequest request, Instant now) {
        return redeem(generic ? REDEEM_GENERIC : REDEEM_UNIQUE, tenant, id, code, generic, request, now);
    }

    /**
     * The redemption in one statement that needs no transaction around it (one round trip in auto-commit), or empty
     * when a condition refused it or when the offer limits both per contact and in total for a known contact: only
     * {@link #redeem} in a transaction may redeem those.
     */
    Optional<Redemption> redeemAlone(
            TenantId tenant, UUID id, String code, boolean generic, RedemptionRequest request, Instant now) {
        return redeem(generic ? REDEEM_GENERIC_ALONE : REDEEM_UNIQUE_ALONE, tenant, id, code, generic, request, now);
    }

    private static SqlParameterSource redemptionParameters(
            TenantId tenant, UUID id, String code, boolean generic, RedemptionRequest request, Instant now) {
        return new MapSqlParameterSource()
                .addValue("tenant", tenant.value())
                .addValue("code", code)
                .addValue("generic", generic)
                .addValue("contact", request.contactId())
                .addValue("now", OfferRepository.timestamp(now))
                .addValue("id", id)
                .addValue("amount", request.orderAmount())
                .addValue("currency", request.currency())
                .addValue("location", request.location());
    }

    private Optional<Redemption> redeem(
            PositionalSql statement,
            TenantId tenant,
            UUID id,
            String code,
            boolean generic,
            RedemptionRequest request,
            Instant now) {
        return jdbc.sql(statement.sql())
                .params(statement.values(redemptionParameters(tenant, id, code, generic, request, now)))
                .query(RedemptionRepository::map)
                .optional();
    }

    /**
     * Redeems a shared code for a group of requests in one statement: the offer's counter rises by as many as its
     * cap still allows (PostgreSQL 18's RETURNING old/new tells how many), and that many redemptions are written,
     * first come first served. Only for shared codes of offers without a per-contact limit.
     */
    List<Redemption> redeemShared(
            TenantId tenant, String code, List<UUID> ids, List<RedemptionRequest> requests, Instant now) {
        return jdbc.sql("""
                        WITH granted AS (
                            UPDATE offer o SET redeemed_total = least(o.max_total, o.redeemed_total + :n)
                            FROM coupon_code c
                            WHERE c.tenant_id = :tenant AND c.code = :code AND c.generic AND c.voided_at IS NULL
                              AND o.tenant_id = c.tenant_id AND o.id = c.offer_id AND NOT o.paused
                              AND o.max_per_contact IS NULL
                              AND (o.valid_from IS NULL OR o.valid_from <= :now)
                              AND coalesce(c.valid_until, o.valid_until, 'infinity') > :now
                              AND o.max_total IS NOT NULL AND o.redeemed_total < o.max_total
                            RETURNING o.id AS offer_id, c.code AS code, new.redeemed_total - old.redeemed_total AS k
                        )
                        INSERT INTO redemption (tenant_id, id, offer_id, code, contact_id, order_amount, currency,
                                                location, redeemed_at)
                        SELECT :tenant, r.id, g.offer_id, g.code, r.contact, r.amount, r.currency, r.location, :now
                        FROM granted g,
                             unnest(:ids::text[]::uuid[], :contacts::text[]::uuid[], :amounts::text[]::numeric[],
                                    :currencies::text[], :locations::text[]) WITH ORDINALITY AS r(id, contact, amount, currency, location, n)
                        WHERE r.n <= g.k
                        RETURNING id, offer_id, code, contact_id, order_amount, currency, location, redeemed_at,
                                  reversed_at""")
                .param("tenant", tenant.value())
                .param("code", code)
                .param("n", requests.size())
                .param("now", OfferRepository.timestamp(now))
                .param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .param(
                        "contacts",
                        requests.stream().map(r -> text(r.contactId())).toArray(String[]::new))
                .param(
                        "amounts",
                        requests.stream().map(r -> text(r.orderAmount())).toArray(String[]::new))
                .param(
                        "currencies",
                        requests.stream().map(RedemptionRequest::currency).toArray(String[]::new))
                .param(
                        "locations",
                        requests.stream().map(RedemptionRequest::location).toArray(String[]::new))
                .query(RedemptionRepository::map)
                .list();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    Optional<Redemption> find(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM redemption WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id)
                .query(RedemptionRepository::map)
                .optional();
    }

    /** Reverses a live redemption inside the window, giving back every counter it took; empty when refused. */
    Optional<Redemption> reverse(TenantId tenant, UUID id, Instant now, Duration window) {
        return jdbc.sql("""
                        WITH r AS (
                            UPDATE redemption SET reversed_at = :now
                            WHERE tenant_id = :tenant AND id = :id AND reversed_at IS NULL AND redeemed_at > :since
                            RETURNING %s
                        ), code AS (
                            UPDATE coupon_code c SET redemptions = c.redemptions - 1 FROM r
                            WHERE c.tenant_id = :tenant AND c.code = r.code AND NOT c.generic RETURNING 1
                        ), cap AS (
                            UPDATE offer o SET redeemed_total = o.redeemed_total - 1 FROM r
                            WHERE o.tenant_id = :tenant AND o.id = r.offer_id AND o.max_total IS NOT NULL RETURNING 1
                        ), contact AS (
                            UPDATE contact_redemption_count k SET redemptions = k.redemptions - 1 FROM r
                            WHERE k.tenant_id = :tenant AND k.offer_id = r.offer_id AND k.contact_id = r.contact_id
                            RETURNING 1
                        )
                        SELECT * FROM r""".formatted(COLUMNS))
                .param("tenant", tenant.value())
                .param("id", id)
                .param("now", OfferRepository.timestamp(now))
                .param("since", OfferRepository.timestamp(now.minus(window)))
                .query(RedemptionRepository::map)
                .optional();
    }

    /** Claims an idempotency key for this request; false when an earlier request holds it (its answer is kept). */
    boolean claimIdempotencyKey(TenantId tenant, String key, String requestFingerprint, Instant expiredBefore) {
        // A key older than its time to live is free again: it is taken over as if new.
        return jdbc.sql("""
                                INSERT INTO redemption_idempotency AS i (tenant_id, key, request_fingerprint)
                                VALUES (?, ?, ?)
                                ON CONFLICT (tenant_id, key) DO UPDATE SET
                                    status = NULL, body = NULL, request_fingerprint = excluded.request_fingerprint,
                                    created_at = now()
                                WHERE i.created_at < ?""")
                        .params(tenant.value(), key, requestFingerprint, Timestamp.from(expiredBefore))
                        .update()
                > 0;
    }

    /** Deletes idempotency keys created before {@code expiredBefore}, at most {@code limit}; returns how many. */
    int purgeIdempotencyKeys(Instant expiredBefore, int limit) {
        return jdbc.sql("""
                        DELETE FROM redemption_idempotency WHERE ctid = ANY (ARRAY(
                            SELECT ctid FROM redemption_idempotency WHERE created_at < ? LIMIT ?))""").params(Timestamp.from(expiredBefore), limit).update();
    }

    void rememberAnswer(TenantId tenant, String key, int status, String body) {
        jdbc.sql("UPDATE redemption_idempotency SET status = ?, body = ? WHERE tenant_id = ? AND key = ?")
                .params(status, body, tenant.value(), key)
                .update();
    }

    /** The first answer given for a key, and a fingerprint of the request it answered (null for older keys). */
    record StoredAnswer(int status, String body, String requestFingerprint) {

        boolean answers(String fingerprint) {
            return requestFingerprint == null || requestFingerprint.equals(fingerprint);
        }
    }

    Optional<StoredAnswer> answer(TenantId tenant, String key) {
        return jdbc.sql("SELECT status, body, request_fingerprint FROM redemption_idempotency"
                        + " WHERE tenant_id = ? AND key = ? AND status IS NOT NULL")
                .params(tenant.value(), key)
                .query((rs, row) -> new StoredAnswer(rs.getInt(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    static Redemption map(ResultSet rs, int row) throws SQLException {
        return new Redemption(
                rs.getObject("id", UUID.class),
                rs.getObject("offer_id", UUID.class),
                rs.getString("code"),
                rs.getObject("contact_id", UUID.class),
                rs.getBigDecimal("order_amount"),
                rs.getString("currency"),
                rs.getString("location"),
                OfferRepository.instant(rs, "redeemed_at"),
                OfferRepository.instant(rs, "reversed_at"));
    }
}
