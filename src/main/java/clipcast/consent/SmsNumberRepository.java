package clipcast.consent;

import clipcast.tenancy.TenantId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SmsNumberRepository {

    record SmsProgram(TenantId tenant, String number, String brand, String frequency, String supportContact) {}

    private final JdbcClient jdbc;

    SmsNumberRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Registers a number (or sender id) for a tenant; false when another tenant has it already. */
    boolean register(SmsProgram program) {
        return jdbc.sql("""
                        INSERT INTO sms_number (number, tenant_id, brand, frequency, support_contact)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (number) DO UPDATE SET brand = EXCLUDED.brand, frequency = EXCLUDED.frequency,
                            support_contact = EXCLUDED.support_contact
                        WHERE sms_number.tenant_id = EXCLUDED.tenant_id""")
                        .params(
                                program.number(),
                                program.tenant().value(),
                                program.brand(),
                                program.frequency(),
                                program.supportContact())
                        .update()
                > 0;
    }

    Optional<SmsProgram> find(String number) {
        return jdbc.sql("SELECT * FROM sms_number WHERE number = ?")
                .param(number)
                .query((rs, row) -> new SmsProgram(
                        new TenantId(rs.getObject("tenant_id", UUID.class)),
                        rs.getString("number"),
                        rs.getString("brand"),
                        rs.getString("frequency"),
                        rs.getString("support_contact")))
                .optional();
    }
}
