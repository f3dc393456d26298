package clipcast.coupons;

import clipcast.coupons.domain.CodeStanding;
import clipcast.tenancy.TenantId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

@Repository
class CodeRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final DataSource dataSource;

    CodeRepository(JdbcClient jdbc, JdbcTemplate template, DataSource dataSource) {
        this.jdbc = jdbc;
        this.template = template;
        this.dataSource = dataSource;
    }

    /**
     * Loads codes into a temporary table with COPY, in the given order (row-level security does not allow COPY into
     * the table itself); {@link #insertStaged} then moves them in one statement. Needs a transaction: the rows go at
     * its end.
     */
    void stage(String[] codes) {
        jdbc.sql("CREATE TEMP TABLE IF NOT EXISTS code_staging (code text) ON COMMIT DELETE ROWS")
                .update();
        var lines = new StringBuilder(codes.length * 16);
        for (var code : codes) {
            lines.append(code).append('\n');
        }
        var connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "COPY code_staging (code) FROM STDIN",
                            new ByteArrayInputStream(lines.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (SQLException e) {
            throw new IllegalStateException("COPY of codes failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Adds the staged codes to an offer. Without {@code skipTaken} a code that exists already fails the statement
     * (the fast path: a plain insert is cheaper than one that checks each row for a conflict first); with it, such
     * codes are skipped.
     *
     * @return how many codes were added
     */
    int insertStaged(TenantId tenant, UUID offerId, boolean skipTaken) {
        return jdbc.sql("INSERT INTO coupon_code (tenant_id, code, offer_id) SELECT ?, code, ? FROM code_staging"
                        + (skipTaken ? " ON CONFLICT DO NOTHING" : ""))
                .params(tenant.value(), offerId)
                .update();
    }

    void clearStaging() {
        jdbc.sql("TRUNCATE code_staging").update();
    }

    long countForOffer(TenantId tenant, UUID offerId) {
        return jdbc.sql("SELECT count(*) FROM coupon_code WHERE tenant_id = ? AND offer_id = ?")
                .params(tenant.value(), offerId)
                .query(Long.class)
                .single();
    }

    Optional<IssuedCode> findIssued(TenantId tenant, UUID offerId, UUID contactId) {
        return jdbc.sql("SELECT code, offer_id, contact_id, issued_at, valid_until FROM coupon_code"
                        + " WHERE tenant_id = ? AND offer_id = ? AND contact_id = ?")
                .params(tenant.value(), offerId, contactId)
                .query((rs, row) -> issued(tenant, rs))
                .optional();
    }

    /** Hands an unissued code of the offer to the contact; empty when there is none left (or a race took it). */
    Optional<IssuedCode> issueFromPool(
            TenantId tenant, UUID offerId, UUID contactId, Instant issuedAt, Instant validUntil) {
        return jdbc.sql("""
                        UPDATE coupon_code SET contact_id = ?, issued_at = ?, valid_until = ?
                        WHERE tenant_id = ? AND code = (
                            SELECT code FROM coupon_code
                            WHERE tenant_id = ? AND offer_id = ? AND contact_id IS NULL AND NOT generic
                              AND voided_at IS NULL AND redemptions = 0
                            LIMIT 1 FOR UPDATE SKIP LOCKED)
                        RETURNING code, offer_id, contact_id, issued_at, valid_until""")
                .params(
                        contactId,
                        OfferRepository.timestamp(issuedAt),
                        OfferRepository.timestamp(validUntil),
                        tenant.value(),
                        tenant.value(),
                        offerId)
                .query((rs, row) -> issued(tenant, rs))
                .optional();
    }

    /** Adds a new code issued to the contact at once; empty when the code or the contact's code exists. */
    Optional<IssuedCode> insertIssued(
            TenantId tenant, UUID offerId, String code, UUID contactId, Instant issuedAt, Instant validUntil) {
        return jdbc.sql("INSERT INTO coupon_code (tenant_id, code, offer_id, contact_id, issued_at, valid_until)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
                        + " RETURNING code, offer_id, contact_id, issued_at, valid_until")
                .params(
                        tenant.value(),
                        code,
                        offerId,
                        contactId,
                        OfferRepository.timestamp(issuedAt),
                        OfferRepository.timestamp(validUntil))
                .query((rs, row) -> issued(tenant, rs))
                .optional();
    }

    /** The codes the contacts already have for the offer, by contact. */
    Map<UUID, String> findIssued(TenantId tenant, UUID offerId, List<UUID> contacts) {
        var found = new HashMap<UUID, String>();
        jdbc.sql(
                        "SELECT contact_id, code FROM coupon_code WHERE tenant_id = ? AND offer_id = ? AND contact_id = ANY(?)")
                .params(tenant.value(), offerId, contacts.toArray(UUID[]::new))
                .query(rs -> {
                    found.put(rs.getObject("contact_id", UUID.class), rs.getString("code"));
                });
        return found;
    }

    /**
     * Hands unissued codes of the offer to as many of the contacts as the pool allows, in one statement; returns the
     * codes by contact. Locked pool rows are skipped, so concurrent issues never take the same code.
     */
    Map<UUID, String> issueFromPool(
            TenantId tenant, UUID offerId, List<UUID> contacts, Instant issuedAt, Instant validUntil) {
        var issued = new HashMap<UUID, String>();
        jdbc.sql("""
                        WITH wanted AS (SELECT contact, n FROM unnest(?::uuid[]) WITH ORDINALITY AS w(contact, n)),
                             pool AS MATERIALIZED (
                                 SELECT code, row_number() OVER () AS n FROM (
                                     SELECT code FROM coupon_code
                                     WHERE tenant_id = ? AND offer_id = ? AND contact_id IS NULL AND NOT generic
                                       AND voided_at IS NULL AND redemptions = 0
                                     LIMIT ? FOR UPDATE SKIP LOCKED) AS free)
                        UPDATE coupon_code c SET contact_id = wanted.contact, issued_at = ?, valid_until = ?
                        FROM pool JOIN wanted USING (n)
                        WHERE c.tenant_id = ? AND c.code = pool.code
                        RETURNING c.contact_id, c.code""")
                .params(
                        contacts.toArray(UUID[]::new),
                        tenant.value(),
                        offerId,
                        contacts.size(),
                        OfferRepository.timestamp(issuedAt),
                        OfferRepository.timestamp(validUntil),
                        tenant.value())
                .query(rs -> {
                    issued.put(rs.getObject("contact_id", UUID.class), rs.getString("code"));
                });
        return issued;
    }

    /**
     * Adds new codes issued to the contacts at once ({@code codes[i]} to {@code contacts[i]}); returns those added
     * by contact. A code that exists already, or a contact that has a code by now, is left out.
     */
    Map<UUID, String> insertIssued(
            TenantId tenant,
            UUID offerId,
            List<UUID> contacts,
            List<String> codes,
            Instant issuedAt,
            Instant validUntil) {
        var added = new HashMap<UUID, String>();
        jdbc.sql("""
                        INSERT INTO coupon_code (tenant_id, code, offer_id, contact_id, issued_at, valid_until)
                        SELECT ?, u.code, ?, u.contact, ?, ? FROM unnest(?::text[], ?::uuid[]) AS u(code, contact)
                        ON CONFLICT DO NOTHING
                        RETURNING contact_id, code""")
                .params(
                        tenant.value(),
                        offerId,
                        OfferRepository.timestamp(issuedAt),
                        OfferRepository.timestamp(validUntil),
                        codes.toArray(String[]::new),
                        contacts.toArray(UUID[]::new))
                .query(rs -> {
                    added.put(rs.getObject("contact_id", UUID.class), rs.getString("code"));
                });
        return added;
    }

    boolean insertGeneric(TenantId tenant, UUID offerId, String code) {
        return jdbc.sql("INSERT INTO coupon_code (tenant_id, code, offer_id, generic) VALUES (?, ?, ?, true)"
                                + " ON CONFLICT DO NOTHING")
                        .params(tenant.value(), code, offerId)
                        .update()
                > 0;
    }

    Optional<String> genericCode(TenantId tenant, UUID offerId) {
        return jdbc.sql("SELECT code FROM coupon_code WHERE tenant_id = ? AND offer_id = ? AND generic")
                .params(tenant.value(), offerId)
                .query(String.class)
                .optional();
    }

    boolean isGeneric(TenantId tenant, String code) {
        return jdbc.sql("SELECT generic FROM coupon_code WHERE tenant_id = ? AND code = ?")
                .params(tenant.value(), code)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    boolean void_(TenantId tenant, String code, Instant at) {
        return jdbc.sql("UPDATE coupon_code SET voided_at = ? WHERE tenant_id = ? AND code = ? AND voided_at IS NULL")
                        .params(OfferRepository.timestamp(at), tenant.value(), code)
                        .update()
                > 0;
    }

    /** A code, its offer and its counters, read together; the contact limit counts for the given contact. */
    Optional<Standing> standing(TenantId tenant, String code, UUID contactId) {
        return jdbc.sql("""
                        SELECT c.code, c.offer_id, c.generic, c.contact_id, c.issued_at, c.voided_at IS NOT NULL AS voided,
                               o.paused, o.valid_from, coalesce(c.valid_until, o.valid_until) AS valid_until,
                               c.redemptions, o.max_per_code, o.max_per_contact, o.max_total, o.redeemed_total,
                               coalesce((SELECT k.redemptions FROM contact_redemption_count k
                                         WHERE k.tenant_id = c.tenant_id AND k.offer_id = c.offer_id
                                           AND k.contact_id = coalesce(c.contact_id, ?)), 0) AS contact_redemptions
                        FROM coupon_code c JOIN offer o ON o.tenant_id = c.tenant_id AND o.id = c.offer_id
                        WHERE c.tenant_id = ? AND c.code = ?""")
                .params(contactId, tenant.value(), code)
                .query((rs, row) -> {
                    boolean generic = rs.getBoolean("generic");
                    return new Standing(
                            rs.getString("code"),
                            rs.getObject("offer_id", UUID.class),
                            generic,
                            rs.getObject("contact_id", UUID.class),
                            OfferRepository.instant(rs, "issued_at"),
                            new CodeStanding(
                                    rs.getBoolean("voided"),
                                    rs.getBoolean("paused"),
                                    OfferRepository.instant(rs, "valid_from"),
                                    OfferRepository.instant(rs, "valid_until"),
                                    rs.getInt("redemptions"),
                                    generic ? null : (Integer) rs.getObject("max_per_code"),
                                    rs.getInt("contact_redemptions"),
                                    (Integer) rs.getObject("max_per_contact"),
                                    rs.getLong("redeemed_total"),
                                    (Long) rs.getObject("max_total")));
                })
                .optional();
    }

    record Standing(
            String code, UUID offerId, boolean generic, UUID contactId, Instant issuedAt, CodeStanding standing) {}

    boolean recordImpression(TenantId tenant, String code, String viewer, Instant now, Instant since) {
        return jdbc.sql("""
                        INSERT INTO coupon_impression (tenant_id, code, viewer, viewed_at)
                        SELECT ?, ?, ?, ?
                        WHERE NOT EXISTS (SELECT 1 FROM coupon_impression
                                          WHERE tenant_id = ? AND code = ? AND viewer = ? AND viewed_at > ?)
                        ON CONFLICT DO NOTHING""")
                        .params(
                                tenant.value(),
                                code,
                                viewer,
                                OfferRepository.timestamp(now),
                                tenant.value(),
                                code,
                                viewer,
                                OfferRepository.timestamp(since))
                        .update()
                > 0;
    }

    OfferStats stats(TenantId tenant, UUID offerId) {
        return jdbc.sql("""
                        SELECT count(*) AS codes, count(contact_id) AS issued,
                               (SELECT count(*) FROM redemption r WHERE r.tenant_id = ? AND r.offer_id = ?
                                  AND r.reversed_at IS NULL) AS redemptions,
                               (SELECT count(*) FROM coupon_impression i JOIN coupon_code c
                                  ON c.tenant_id = i.tenant_id AND c.code = i.code
                                WHERE i.tenant_id = ? AND c.offer_id = ?) AS impressions
                        FROM coupon_code WHERE tenant_id = ? AND offer_id = ?""")
                .params(tenant.value(), offerId, tenant.value(), offerId, tenant.value(), offerId)
                .query((rs, row) -> new OfferStats(
                        rs.getLong("codes"),
                        rs.getLong("issued"),
                        rs.getLong("redemptions"),
                        rs.getLong("impressions")))
                .single();
    }

    /** Streams an offer's codes in code order to the handler; needs a transaction (a cursor). */
    void forEachCode(TenantId tenant, UUID offerId, RowCallbackHandler handler) {
        template.query(
                connection -> {
                    var statement = connection.prepareStatement(
                            "SELECT code, generic, contact_id, issued_at, valid_until, redemptions, voided_at"
                                    + " FROM coupon_code WHERE tenant_id = ? AND offer_id = ? ORDER BY code");
                    statement.setObject(1, tenant.value());
                    statement.setObject(2, offerId);
                    statement.setFetchSize(5_000);
                    return statement;
                },
                handler);
    }

    List<CodeRow> page(TenantId tenant, UUID offerId, String after, int limit) {
        return jdbc.sql("SELECT code, generic, contact_id, issued_at, valid_until, redemptions, voided_at"
                        + " FROM coupon_code WHERE tenant_id = ? AND offer_id = ? AND code > ? ORDER BY code LIMIT ?")
                .params(tenant.value(), offerId, after == null ? "" : after, limit)
                .query((rs, row) -> codeRow(rs))
                .list();
    }

    record CodeRow(
            String code,
            boolean generic,
            UUID contactId,
            Instant issuedAt,
            Instant validUntil,
            int redemptions,
            Instant voidedAt) {}

    static CodeRow codeRow(ResultSet rs) throws SQLException {
        return new CodeRow(
                rs.getString("code"),
                rs.getBoolean("generic"),
                rs.getObject("contact_id", UUID.class),
                OfferRepository.instant(rs, "issued_at"),
                OfferRepository.instant(rs, "valid_until"),
                rs.getInt("redemptions"),
                OfferRepository.instant(rs, "voided_at"));
    }

    private static IssuedCode issued(TenantId tenant, ResultSet rs) throws SQLException {
        var code = rs.getString("code");
        return new IssuedCode(
                code,
                rs.getObject("offer_id", UUID.class),
                rs.getObject("contact_id", UUID.class),
                OfferRepository.instant(rs, "issued_at"),
                OfferRepository.instant(rs, "valid_until"),
                CouponPageToken.of(tenant, code));
    }
}
