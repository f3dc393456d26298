package clipcast.coupons;

import clipcast.coupons.domain.CodeAlphabet;
import clipcast.coupons.domain.CodeFormat;
import clipcast.coupons.domain.Discount;
import clipcast.coupons.domain.DiscountType;
import clipcast.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OfferRepository {

    private static final String COLUMNS = """
            id, name, discount_type, discount_value, discount_currency, discount_text, terms, valid_from, valid_until,
            valid_days_after_issue, max_per_code, max_per_contact, max_total, channels, code_prefix, code_pattern,
            code_length, code_alphabet, code_check_character, paused, redeemed_total, created_at""";

    private final JdbcClient jdbc;

    OfferRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Offer insert(TenantId tenant, UUID id, NewOffer offer) {
        var format = offer.codeFormat();
        return jdbc.sql("INSERT INTO offer (tenant_id, id, name, discount_type, discount_value, discount_currency,"
                        + " discount_text, terms, valid_from, valid_until, valid_days_after_issue, max_per_code,"
                        + " max_per_contact, max_total, channels, code_prefix, code_pattern, code_length,"
                        + " code_alphabet, code_check_character)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?) RETURNING "
                        + COLUMNS)
                .params(
                        tenant.value(),
                        id,
                        offer.name(),
                        offer.discount().type().name(),
                        offer.discount().value(),
                        offer.discount().currency(),
                        offer.discount().text(),
                        offer.terms(),
                        timestamp(offer.validFrom()),
                        timestamp(offer.validUntil()),
                        offer.validDaysAfterIssue(),
                        offer.maxRedemptionsPerCode(),
                        offer.maxRedemptionsPerContact(),
                        offer.maxRedemptionsTotal(),
                        "{" + String.join(",", offer.channels()) + "}",
                        format.prefix(),
                        format.pattern(),
                        format.length(),
                        format.alphabet().characters(),
                        format.checkCharacter())
                .query(OfferRepository::map)
                .single();
    }

    Optional<Offer> find(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM offer WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id)
                .query(OfferRepository::map)
                .optional();
    }

    List<Offer> findAll(TenantId tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM offer WHERE tenant_id = ? ORDER BY created_at DESC, id DESC")
                .param(tenant.value())
                .query(OfferRepository::map)
                .list();
    }

    /** The distinct code formats of the tenant's offers. */
    List<CodeFormat> formats(TenantId tenant) {
        return jdbc.sql("SELECT DISTINCT code_prefix, code_pattern, code_length, code_alphabet, code_check_character"
                        + " FROM offer WHERE tenant_id = ?")
                .param(tenant.value())
                .query((rs, row) -> new CodeFormat(
                        rs.getString(1),
                        rs.getString(2),
                        (Integer) rs.getObject(3),
                        new CodeAlphabet(rs.getString(4)),
                        rs.getBoolean(5)))
                .list();
    }

    boolean setPaused(TenantId tenant, UUID id, boolean paused) {
        return jdbc.sql("UPDATE offer SET paused = ? WHERE tenant_id = ? AND id = ?")
                        .params(paused, tenant.value(), id)
                        .update()
                > 0;
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static Offer map(ResultSet rs, int row) throws SQLException {
        var channels = rs.getArray("channels");
        return new Offer(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                new Discount(
                        DiscountType.valueOf(rs.getString("discount_type")),
                        rs.getBigDecimal("discount_value"),
                        rs.getString("discount_currency"),
                        rs.getString("discount_text")),
                rs.getString("terms"),
                instant(rs, "valid_from"),
                instant(rs, "valid_until"),
                (Integer) rs.getObject("valid_days_after_issue"),
                (Integer) rs.getObject("max_per_code"),
                (Integer) rs.getObject("max_per_contact"),
                (Long) rs.getObject("max_total"),
                channels == null ? List.of() : Arrays.asList((String[]) channels.getArray()),
                new CodeFormat(
                        rs.getString("code_prefix"),
                        rs.getString("code_pattern"),
                        (Integer) rs.getObject("code_length"),
                        new CodeAlphabet(rs.getString("code_alphabet")),
                        rs.getBoolean("code_check_character")),
                rs.getBoolean("paused"),
                rs.getLong("redeemed_total"),
                instant(rs, "created_at"));
    }
}
