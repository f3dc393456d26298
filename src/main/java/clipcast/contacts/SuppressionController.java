package clipcast.contacts;

import clipcast.consent.Channel;
import clipcast.consent.Consents;
import clipcast.consent.SuppressionReason;
import clipcast.contacts.domain.EmailAddress;
import clipcast.contacts.domain.ImportFileException;
import clipcast.contacts.domain.ImportFileType;
import clipcast.contacts.domain.ImportFiles;
import clipcast.contacts.domain.PhoneNumber;
import clipcast.web.ApiProblems;
import clipcast.web.FieldIssue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Suppressions over the API. The address is normalised by the contact rules (so it matches however it was
 * written) and kept only as a keyed hash; complaints are platform-wide, everything else holds for the tenant.
 */
@RestController
class SuppressionController {

    private final Consents consents;
    private final ApiProblems problems;

    private final TransactionTemplate transactions;

    SuppressionController(Consents consents, ApiProblems problems, TransactionTemplate transactions) {
        this.consents = consents;
        this.problems = problems;
        this.transactions = transactions;
    }

    record SuppressionRequest(
            Channel channel, String email, String phone, String address, SuppressionReason reason, String country) {}

    @PostMapping("/api/v1/suppressions")
    ResponseEntity<?> suppress(@RequestBody SuppressionRequest request) {
        var reason = request.reason() == null ? SuppressionReason.MANUAL : request.reason();
        if (reason == SuppressionReason.ERASURE) {
            return invalid("reason", "USE_ERASURE");
        }
        var given = request.email() != null
                ? request.email()
                : request.phone() != null ? request.phone() : request.address();
        if (given == null || given.isBlank()) {
            return invalid("address", "REQUIRED");
        }
        var channel = request.channel() != null
                ? request.channel()
                : request.email() != null || given.contains("@") ? Channel.EMAIL : Channel.SMS;
        String normalised;
        String field = request.email() != null ? "email" : request.phone() != null ? "phone" : "address";
        if (channel == Channel.EMAIL) {
            normalised = EmailAddress.parse(given).map(EmailAddress::value).orElse(null);
        } else if (channel == Channel.SMS) {
            normalised = PhoneNumber.parse(given, request.country())
                    .map(PhoneNumber::e164)
                    .orElse(null);
        } else {
            normalised = given.strip();
        }
        if (normalised == null) {
            return invalid(field, "INVALID_ADDRESS");
        }
        var country =
                request.country() == null ? null : request.country().strip().toUpperCase(java.util.Locale.ROOT);
        consents.suppress(channel, normalised, reason, country);
        var body = new LinkedHashMap<String, Object>();
        body.put("channel", channel);
        body.put("reason", reason);
        body.put("scope", reason.platformWide() ? "PLATFORM" : "TENANT");
        body.put("country", country);
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    /**
     * A registry file (do-not-call, do-not-disturb) for one country: one number (or address) per line, or the first
     * column of a CSV/XLS/XLSX. All of it is suppressed for the tenant in one transaction; unreadable rows are
     * reported.
     */
    @PostMapping(value = "/api/v1/suppressions/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<?> importRegistry(
            @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String country,
            @RequestParam(required = false) Channel channel,
            @RequestParam(required = false) SuppressionReason reason)
            throws IOException {
        var issues = new ArrayList<FieldIssue>();
        var code = country == null ? "" : country.strip().toUpperCase(Locale.ROOT);
        if (!Set.of(Locale.getISOCountries()).contains(code)) {
            issues.add(problems.fieldIssue("country", "INVALID_COUNTRY"));
        }
        var chosen = reason == null ? SuppressionReason.DNC_REGISTRY : reason;
        if (chosen.platformWide()) {
            issues.add(problems.fieldIssue("reason", "USE_ERASURE"));
        }
        var type = file == null
                ? null
                : ImportFileType.ofFileName(file.getOriginalFilename()).orElse(null);
        if (type == null) {
            issues.add(problems.fieldIssue("file", "UNSUPPORTED_FILE_TYPE"));
        } else if (file.isEmpty()) {
            issues.add(problems.fieldIssue("file", "EMPTY_FILE"));
        }
        if (!issues.isEmpty()) {
            return problems.respond(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", issues);
        }
        var onChannel = channel == null ? Channel.SMS : channel;
        var stored =
                Files.createTempFile("clipcast-registry-", "." + type.name().toLowerCase(Locale.ROOT));
        try {
            try (var in = file.getInputStream()) {
                Files.copy(in, stored, StandardCopyOption.REPLACE_EXISTING);
            }
            var result = transactions.execute(status -> suppressFile(stored, type, onChannel, chosen, code));
            return ResponseEntity.ok(result);
        } catch (ImportFileException e) {
            return problems.respond(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "UNREADABLE_FILE",
                    List.of(problems.fieldIssue("file", e.code())));
        } finally {
            Files.deleteIfExists(stored);
        }
    }

    private Map<String, Object> suppressFile(
            java.nio.file.Path file, ImportFileType type, Channel channel, SuppressionReason reason, String country) {
        var batch = new ArrayList<String>();
        var errors = new ArrayList<Map<String, Object>>();
        long[] counts = new long[3];
        ImportFiles.read(file, type, (row, cells) -> {
            counts[0]++;
            var value = cells.isEmpty() ? "" : cells.getFirst();
            var normalised = channel == Channel.EMAIL
                    ? EmailAddress.parse(value).map(EmailAddress::value)
                    : PhoneNumber.parse(value, country).map(PhoneNumber::e164);
            if (normalised.isEmpty()) {
                counts[2]++;
                if (errors.size() < 1000 && !(row == 1 && type.hasHeader())) {
                    errors.add(Map.of("row", row, "field", "address", "code", "INVALID_ADDRESS"));
                }
                return;
            }
            batch.add(normalised.get());
            if (batch.size() >= 5000) {
                counts[1] += consents.suppressAll(channel, batch, reason, country);
                batch.clear();
            }
        });
        counts[1] += consents.suppressAll(channel, batch, reason, country);
        var body = new LinkedHashMap<String, Object>();
        body.put("country", country);
        body.put("channel", channel);
        body.put("reason", reason);
        body.put("rowsTotal", counts[0]);
        body.put("suppressed", counts[1]);
        body.put("rejected", counts[2]);
        body.put("errors", errors);
        return body;
    }

    private ResponseEntity<?> invalid(String field, String code) {
        return problems.respond(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", List.of(problems.fieldIssue(field, code)));
    }
}
