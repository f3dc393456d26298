package clipcast.contacts;

import clipcast.web.ApiProblems;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
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
    private final ImportSubmissions submissions;
    private final ApiProblems problems;

    ImportController(Imports imports, ImportSubmissions submissions, ApiProblems problems) {
        this.imports = imports;
        this.submissions = submissions;
        this.problems = problems;
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
        var fields = new ImportSubmissions.Fields(
                channel,
                purpose,
                consentMethod,
                consentText,
                sourceDescription,
                collectedAt,
                notPurchased,
                defaultCountry);
        return switch (submissions.submit(file, fields)) {
            case ImportSubmissions.Started(var id) ->
                ResponseEntity.accepted()
                        .header("Location", "/api/v1/imports/" + id)
                        .body(Map.of("id", id, "status", "RUNNING"));
            case ImportSubmissions.Refused refused
            when refused.unsupportedFile() ->
                problems.respond(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "UNSUPPORTED_FILE_TYPE",
                        List.of(problems.fieldIssue("file", "UNSUPPORTED_FILE_TYPE")));
            case ImportSubmissions.Refused refused ->
                problems.respond(
                        HttpStatus.BAD_REQUEST,
                        refused.attestation() ? "ATTESTATION_REQUIRED" : "VALIDATION_FAILED",
                        refused.problems().stream()
                                .map(problem -> problems.fieldIssue(
                                        problem.field(), problem.code(), submitted(fields, problem.field())))
                                .toList());
        };
    }

    /** What was sent for {@code field}, for the messages that quote it ("… is not in a format …"). */
    private static String submitted(ImportSubmissions.Fields fields, String field) {
        var value = switch (field) {
            case "channel" -> fields.channel();
            case "purpose" -> fields.purpose();
            case "consentMethod" -> fields.consentMethod();
            case "collectedAt" -> fields.collectedAt();
            case "notPurchased" -> fields.notPurchased();
            case "defaultCountry" -> fields.defaultCountry();
            default -> null;
        };
        return value == null ? "" : value;
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
}
