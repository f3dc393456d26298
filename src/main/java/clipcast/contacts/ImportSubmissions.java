package clipcast.contacts;

import clipcast.contacts.domain.ImportFileType;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * An import as it is submitted, over the API or on the dashboard: the uploaded file and the attestation. Both doors
 * come through here, so they check the same things and start the same {@link Imports} job.
 */
@Component
class ImportSubmissions {

    static final int MAX_FILE_NAME = 255;

    private final Imports imports;
    private final Clock clock;

    ImportSubmissions(Imports imports, Clock clock) {
        this.imports = imports;
        this.clock = clock;
    }

    /** The attestation as it was typed or sent, not checked yet. */
    record Fields(
            String channel,
            String purpose,
            String consentMethod,
            String consentText,
            String sourceDescription,
            String collectedAt,
            String notPurchased,
            String defaultCountry) {}

    sealed interface Outcome permits Started, Refused {}

    /** The import runs in the background. */
    record Started(UUID id) implements Outcome {}

    /** Nothing was started, for these reasons (field and code). */
    record Refused(List<ImportRequestCheck.Problem> problems) implements Outcome {

        /** The file is not of a type Clipcast reads. */
        boolean unsupportedFile() {
            return problems.stream().anyMatch(problem -> problem.code().equals("UNSUPPORTED_FILE_TYPE"));
        }

        /** Something is wrong with the attestation, not only with the file. */
        boolean attestation() {
            return problems.stream().anyMatch(problem -> !problem.field().equals("file"));
        }
    }

    Outcome submit(MultipartFile file, Fields fields) throws IOException {
        var checked = ImportRequestCheck.check(
                fields.channel(),
                fields.purpose(),
                fields.consentMethod(),
                fields.consentText(),
                fields.sourceDescription(),
                fields.collectedAt(),
                fields.notPurchased(),
                fields.defaultCountry(),
                clock.instant());
        var problems = new ArrayList<>(checked.problems());
        ImportFileType type = null;
        if (file == null
                || file.getOriginalFilename() == null
                || file.getOriginalFilename().isBlank()) {
            problems.add(new ImportRequestCheck.Problem("file", "REQUIRED"));
        } else {
            type = ImportFileType.ofFileName(file.getOriginalFilename()).orElse(null);
            if (type == null) {
                problems.add(new ImportRequestCheck.Problem("file", "UNSUPPORTED_FILE_TYPE"));
            } else if (file.isEmpty()) {
                problems.add(new ImportRequestCheck.Problem("file", "EMPTY_FILE"));
            }
        }
        if (!problems.isEmpty()) {
            return new Refused(List.copyOf(problems));
        }
        var stored = Files.createTempFile("clipcast-import-", "." + type.name().toLowerCase(Locale.ROOT));
        var sha256 = sha256();
        try {
            // The servlet container moves its copy of the upload here (a rename, not a second copy); the evidence's
            // file hash is then read from the page cache.
            file.transferTo(stored.toFile());
            try (var in = Files.newInputStream(stored)) {
                var buffer = new byte[1 << 20];
                for (int read; (read = in.read(buffer)) > 0; ) {
                    sha256.update(buffer, 0, read);
                }
            }
        } catch (IOException e) {
            Files.deleteIfExists(stored);
            throw e;
        }
        var name = file.getOriginalFilename().strip();
        return new Started(imports.start(
                checked.attestation(),
                name.length() > MAX_FILE_NAME ? name.substring(0, MAX_FILE_NAME) : name,
                type,
                stored,
                HexFormat.of().formatHex(sha256.digest())));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
