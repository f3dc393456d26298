package clipcast.contacts;

import clipcast.consent.Channel;
import clipcast.consent.Consents;
import clipcast.contacts.domain.ImportRowMapper;
import clipcast.contacts.domain.NormalisedContact;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows of one import on their way into the temporary table {@code import_stage} of the import's
 * transaction: buffered in batches, checked against suppression (one query a batch), then sent with COPY.
 * Rejected rows are staged too, with their reason, so the report is written set-based as well.
 */
final class ImportStage {

    static final String TABLE = "import_stage";
    static final String CREATE = """
            CREATE TEMP TABLE import_stage (
                row_number bigint NOT NULL, email text, phone text, first_name text, last_name text, country text,
                language text, time_zone text, time_zone_source text, birth_date date, attributes jsonb, lists text,
                contact_id uuid, error_field text, error_code text
            ) ON COMMIT DROP""";
    private static final String COPY = """
            COPY import_stage (row_number, email, phone, first_name, last_name, country, language, time_zone,
                time_zone_source, birth_date, attributes, lists, error_field, error_code) FROM STDIN (FORMAT csv)""";
    static final int BATCH = 5_000;

    private final Connection connection;
    private final Consents consents;
    private final Channel channel;
    private final JsonMapper json;
    private final List<ImportRowMapper.Outcome> batch = new ArrayList<>(BATCH);
    private long rows;
    private long rejected;

    ImportStage(Connection connection, Consents consents, Channel channel, JsonMapper json) {
        this.connection = connection;
        this.consents = consents;
        this.channel = channel;
        this.json = json;
    }

    void add(ImportRowMapper.Outcome outcome) {
        batch.add(outcome);
        if (batch.size() >= BATCH) {
            flush();
        }
    }

    long rows() {
        return rows;
    }

    void flush() {
        if (batch.isEmpty()) {
            return;
        }
        var addresses = new ArrayList<String>();
        for (var outcome : batch) {
            if (outcome instanceof ImportRowMapper.Accepted accepted) {
                addresses.add(keyAddress(accepted.contact()));
            }
        }
        var suppressed = consents.suppressedAmong(channel, addresses);
        var out = new ByteArrayOutputStream(batch.size() * 128);
        var line = new StringBuilder(256);
        for (var outcome : batch) {
            line.setLength(0);
            switch (outcome) {
                case ImportRowMapper.Accepted accepted
                when suppressed.contains(keyAddress(accepted.contact())) ->
                    rejectedLine(line, accepted.row(), channel == Channel.EMAIL ? "email" : "phone", "SUPPRESSED");
                case ImportRowMapper.Accepted accepted -> acceptedLine(line, accepted.row(), accepted.contact());
                case ImportRowMapper.Rejected refused ->
                    rejectedLine(line, refused.row(), refused.field(), refused.code());
            }
            out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        rows += batch.size();
        batch.clear();
        try {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
            var bytes = out.toByteArray();
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
        } catch (SQLException e) {
            throw new IllegalStateException("Staging import rows failed", e);
        }
    }

    private String keyAddress(NormalisedContact contact) {
        return channel == Channel.EMAIL
                ? contact.email().value()
                : contact.phone().e164();
    }

    private void acceptedLine(StringBuilder line, long row, NormalisedContact contact) {
        line.append(row);
        value(line, contact.email() == null ? null : contact.email().value());
        value(line, contact.phone() == null ? null : contact.phone().e164());
        value(line, contact.firstName());
        value(line, contact.lastName());
        value(line, contact.country());
        value(line, contact.language());
        value(line, contact.timeZone());
        value(
                line,
                contact.timeZoneSource() == null
                        ? null
                        : contact.timeZoneSource().name());
        value(line, contact.birthDate() == null ? null : contact.birthDate().toString());
        value(line, contact.attributes().isEmpty() ? null : json.writeValueAsString(contact.attributes()));
        value(line, contact.lists().isEmpty() ? null : String.join("\u001f", contact.lists()));
        line.append(",,\n");
    }

    private void rejectedLine(StringBuilder line, long row, String field, String code) {
        rejected++;
        line.append(row).append(",,,,,,,,,,,");
        value(line, field);
        value(line, code);
        line.append('\n');
    }

    private static void value(StringBuilder line, String value) {
        line.append(',');
        if (value != null) {
            line.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
    }
}
