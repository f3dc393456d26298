package clipcast.contacts;

import clipcast.consent.Channel;
import clipcast.consent.ConsentMethod;
import clipcast.contacts.domain.ImportFileType;
import clipcast.web.ApiProblems;
import clipcast.web.FieldIssue;
import java.io.IOException;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Imports over the API: a file and its attestation in, 202 with the import's id; then its progress and report. */
@RestController
@RequestMapping("/api/v1/imports")
class ImportController {

    private final Imports imports;
    private final ApiProblems problems;
    private final Clock clock;

    ImportController(Imports imports, ApiProblems problems, Clock clock) {
        this.imports = imports;
        this.problems = problems;
        this.clock = clock;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<?> start(
            @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) String purpose,
            @RequestParam(required = false) String consentMethod,
            @RequestParam(required = false) String consentText,
            @RequestParam(required = false) String sourceDescription,
            @RequestParam(required = false) String collectedAt,
            @RequestParam(required = false) String notPurchased,
            @RequestParam(required = false) String defaultCountry)
            throws IOException {
        var issues = new ArrayList<FieldIssue>();
        var checked = ImportRequestCheck.check(
                channel,
                purpose,
                consentMethod,
                consentText,
                sourceDescription,
                collectedAt,
                notPurchased,
                defaultCountry,
                clock.instant());
        checked.problems().forEach(problem -> issues.add(problems.fieldIssue(problem.field(), problem.code())));
        ImportFileType type = null;
        if (file == null || file.getOriginalFilename() == null) {
            issues.add(problems.fieldIssue("file", "REQUIRED"));
        } else {
            type = ImportFileType.ofFileName(file.getOriginalFilename()).orElse(null);
            if (type == null) {
                return problems.respond(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "UNSUPPORTED_FILE_TYPE",
                        List.of(problems.fieldIssue("file", "UNSUPPORTED_FILE_TYPE")));
            }
            if (file.isEmpty()) {
                issues.add(problems.fieldIssue("file", "EMPTY_FILE"));
            }
        }
        if (!issues.isEmpty()) {
            boolean attestation =
                    issues.stream().anyMatch(issue -> !issue.field().equals("file"));
            return problems.respond(
                    HttpStatus.BAD_REQUEST, attestation ? "ATTESTATION_REQUIRED" : "VALIDATION_FAILED", issues);
        }
        var stored = Files.createTempFile("clipcast-import-", "." + type.name().toLowerCase(Locale.ROOT));
        var sha256 = sha256();
        // The evidence's file hash is taken while the upload is stored, not in a second pass over the file.
        try (var in = new DigestInputStream(file.getInputStream(), sha256)) {
            Files.copy(in, stored, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        var name = file.getOriginalFilename().strip();
        var id = imports.start(
                checked.attestation(),
                name.length() > 255 ? name.substring(0, 255) : name,
                type,
                stored,
                HexFormat.of().formatHex(sha256.digest()));
        return ResponseEntity.accepted()
                .header("Location", "/api/v1/imports/" + id)
                .body(Map.of("id", id, "status", "RUNNING"));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @GetMapping("/{id}")
    ResponseEntity<?> get(@PathVariable UUID id) {
        return imports.find(id)
                .<ResponseEntity<?>>map(job -> ResponseEntity.ok(view(job)))
                .orElseGet(() -> problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND"));
    }

    private Map<String, Object> view(ImportJob job) {
        var view = new LinkedHashMap<String, Object>();
        view.put("id", job.id());
        view.put("status", job.status());
        view.put("fileName", job.fileName());
        view.put("fileSha256", job.fileSha256());
        view.put("channel", job.attestation().channel());
        view.put("purpose", job.attestation().purpose());
        view.put("consentMethod", job.attestation().consentMethod());
        view.put("collectedAt", job.attestation().collectedAt());
        view.put("rowsTotal", job.rowsTotal());
        view.put("rowsImported", job.rowsImported());
        view.put("rowsRejected", job.rowsRejected());
        view.put(
                "errors",
                job.errors().stream()
                        .map(error -> {
                            var issue = problems.fieldIssue(error.field(), error.code());
                            var entry = new LinkedHashMap<String, Object>();
                            entry.put("row", error.row());
                            entry.put("field", error.field());
                            entry.put("code", error.code());
                            entry.put("message", issue.message());
                            return entry;
                        })
                        .toList());
        view.put("errorsTotal", job.errorsTotal());
        view.put("createdAt", job.createdAt());
        view.put("finishedAt", job.finishedAt());
        return view;
    }

    /** The attestation fields of an import, checked. */
    static final class ImportRequestCheck {

        static final int MAX_CONSENT_TEXT = 10_000;

        record Problem(String field, String code) {}

        record Checked(ImportAttestation attestation, List<Problem> problems) {}

        static Checked check(
                String channel,
                String purpose,
                String consentMethod,
                String consentText,
                String sourceDescription,
                String collectedAt,
                String notPurchased,
                String defaultCountry,
                Instant now) {
            var problems = new ArrayList<Problem>();
            Channel parsedChannel = null;
            if (blank(channel)) {
                problems.add(new Problem("channel", "REQUIRED"));
            } else {
                try {
                    parsedChannel = Channel.valueOf(channel.strip().toUpperCase(Locale.ROOT));
                    if (parsedChannel == Channel.PUSH) {
                        problems.add(new Problem("channel", "NOT_IMPORTABLE"));
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem("channel", "INVALID_CHANNEL"));
                }
            }
            String parsedPurpose = null;
            if (blank(purpose)) {
                problems.add(new Problem("purpose", "REQUIRED"));
            } else {
                parsedPurpose = purpose.strip().toLowerCase(Locale.ROOT);
                if (!parsedPurpose.matches("[a-z0-9][a-z0-9_.-]{0,63}")) {
                    problems.add(new Problem("purpose", "INVALID_PURPOSE"));
                }
            }
            ConsentMethod method = null;
            if (blank(consentMethod)) {
                problems.add(new Problem("consentMethod", "REQUIRED"));
            } else {
                try {
                    method = ConsentMethod.valueOf(consentMethod.strip().toUpperCase(Locale.ROOT));
                    if (!method.acceptedFromCallers()) {
                        problems.add(new Problem("consentMethod", "METHOD_NOT_ACCEPTED"));
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem("consentMethod", "INVALID_METHOD"));
                }
            }
            if (blank(consentText)) {
                problems.add(new Problem("consentText", "REQUIRED"));
            } else if (consentText.length() > MAX_CONSENT_TEXT) {
                problems.add(new Problem("consentText", "TOO_LONG"));
            }
            if (blank(sourceDescription)) {
                problems.add(new Problem("sourceDescription", "REQUIRED"));
            } else if (sourceDescription.length() > 2000) {
                problems.add(new Problem("sourceDescription", "TOO_LONG"));
            }
            Instant collected = null;
            if (blank(collectedAt)) {
                problems.add(new Problem("collectedAt", "REQUIRED"));
            } else {
                collected = instant(collectedAt.strip());
                if (collected == null) {
                    problems.add(new Problem("collectedAt", "INVALID_FORMAT"));
                } else if (collected.isAfter(now.plusSeconds(300))) {
                    problems.add(new Problem("collectedAt", "IN_THE_FUTURE"));
                }
            }
            if (!"true".equalsIgnoreCase(notPurchased == null ? "" : notPurchased.strip())) {
                problems.add(new Problem("notPurchased", "MUST_BE_TRUE"));
            }
            String country = null;
            if (!blank(defaultCountry)) {
                country = defaultCountry.strip().toUpperCase(Locale.ROOT);
                if (!java.util.Set.of(Locale.getISOCountries()).contains(country)) {
                    problems.add(new Problem("defaultCountry", "INVALID_COUNTRY"));
                }
            }
            if (!problems.isEmpty()) {
                return new Checked(null, problems);
            }
            return new Checked(
                    new ImportAttestation(
                            parsedChannel,
                            parsedPurpose,
                            method,
                            consentText.strip(),
                            sourceDescription.strip(),
                            collected,
                            true,
                            country),
                    List.of());
        }

        private static Instant instant(String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException again) {
                    try {
                        return java.time.OffsetDateTime.parse(text).toInstant();
                    } catch (DateTimeParseException last) {
                        return null;
                    }
                }
            }
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }
}
