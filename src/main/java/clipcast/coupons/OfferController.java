package clipcast.coupons;

import clipcast.coupons.domain.CodeAlphabet;
import clipcast.coupons.domain.CodeFormat;
import clipcast.coupons.domain.Discount;
import clipcast.coupons.domain.DiscountType;
import clipcast.web.ApiProblems;
import clipcast.web.FieldIssue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Offers and their codes: create, read, pause and resume, generate, import, export, issue. */
@RestController
@RequestMapping("/api/v1")
class OfferController {

    static final int MAX_CODES_PER_REQUEST = 10_000_000;

    private final Coupons coupons;
    private final ApiProblems problems;
    private final tools.jackson.databind.json.JsonMapper json;
    private final MessageSource messages;

    OfferController(
            Coupons coupons,
            ApiProblems problems,
            tools.jackson.databind.json.JsonMapper json,
            MessageSource messages) {
        this.coupons = coupons;
        this.problems = problems;
        this.json = json;
        this.messages = messages;
    }

    record DiscountRequest(DiscountType type, BigDecimal value, String currency, String text) {
        DiscountRequest {
            new Discount(type, value, currency, text);
        }

        Discount toDiscount() {
            return new Discount(type, value, currency, text);
        }
    }

    record CodeFormatRequest(String prefix, String pattern, Integer length, String alphabet, Boolean checkCharacter) {
        CodeFormatRequest {
            toFormat(prefix, pattern, length, alphabet, checkCharacter);
        }

        CodeFormat toFormat() {
            return toFormat(prefix, pattern, length, alphabet, checkCharacter);
        }

        private static CodeFormat toFormat(
                String prefix, String pattern, Integer length, String alphabet, Boolean checkCharacter) {
            return new CodeFormat(
                    prefix, pattern, length, CodeAlphabet.of(alphabet), Boolean.TRUE.equals(checkCharacter));
        }
    }

    record OfferRequest(
            String name,
            DiscountRequest discount,
            String terms,
            Instant validFrom,
            Instant validUntil,
            Integer validDaysAfterIssue,
            Integer maxRedemptionsPerCode,
            Integer maxRedemptionsPerContact,
            Long maxRedemptionsTotal,
            List<String> channels,
            CodeFormatRequest codeFormat) {

        NewOffer toCommand() {
            return new NewOffer(
                    name,
                    discount == null ? null : discount.toDiscount(),
                    terms,
                    validFrom,
                    validUntil,
                    validDaysAfterIssue,
                    maxRedemptionsPerCode,
                    maxRedemptionsPerContact,
                    maxRedemptionsTotal,
                    channels,
                    codeFormat == null ? null : codeFormat.toFormat());
        }
    }

    record CodeFormatView(String prefix, String pattern, Integer length, String alphabet, boolean checkCharacter) {}

    record OfferView(
            UUID id,
            String name,
            Discount discount,
            String terms,
            Instant validFrom,
            Instant validUntil,
            Integer validDaysAfterIssue,
            Integer maxRedemptionsPerCode,
            Integer maxRedemptionsPerContact,
            Long maxRedemptionsTotal,
            List<String> channels,
            CodeFormatView codeFormat,
            String status,
            boolean paused,
            Instant createdAt) {

        static OfferView of(Offer offer) {
            var format = offer.codeFormat();
            return new OfferView(
                    offer.id(),
                    offer.name(),
                    offer.discount(),
                    offer.terms(),
                    offer.validFrom(),
                    offer.validUntil(),
                    offer.validDaysAfterIssue(),
                    offer.maxRedemptionsPerCode(),
                    offer.maxRedemptionsPerContact(),
                    offer.maxRedemptionsTotal(),
                    offer.channels(),
                    new CodeFormatView(
                            format.prefix(),
                            format.pattern(),
                            format.length(),
                            format.alphabet().characters(),
                            format.checkCharacter()),
                    offer.paused() ? "PAUSED" : "ACTIVE",
                    offer.paused(),
                    offer.createdAt());
        }
    }

    @PostMapping("/offers")
    ResponseEntity<?> create(@RequestBody OfferRequest request) {
        NewOffer command;
        try {
            command = request.toCommand();
        } catch (InvalidField e) {
            return invalid(e.field(), e.getMessage());
        }
        var offer = coupons.createOffer(command);
        return ResponseEntity.created(URI.create("/api/v1/offers/" + offer.id()))
                .body(OfferView.of(offer));
    }

    @GetMapping("/offers")
    Map<String, List<OfferView>> list() {
        return Map.of("items", coupons.offers().stream().map(OfferView::of).toList());
    }

    @GetMapping("/offers/{id}")
    ResponseEntity<?> get(@PathVariable UUID id) {
        return coupons.offer(id)
                .<ResponseEntity<?>>map(offer -> ResponseEntity.ok(OfferView.of(offer)))
                .orElseGet(this::notFound);
    }

    @GetMapping("/offers/{id}/stats")
    ResponseEntity<?> stats(@PathVariable UUID id) {
        return coupons.stats(id).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(this::notFound);
    }

    @PostMapping("/offers/{id}/pause")
    ResponseEntity<?> pause(@PathVariable UUID id) {
        return coupons.setPaused(id, true)
                .<ResponseEntity<?>>map(offer -> ResponseEntity.ok(OfferView.of(offer)))
                .orElseGet(this::notFound);
    }

    @PostMapping("/offers/{id}/resume")
    ResponseEntity<?> resume(@PathVariable UUID id) {
        return coupons.setPaused(id, false)
                .<ResponseEntity<?>>map(offer -> ResponseEntity.ok(OfferView.of(offer)))
                .orElseGet(this::notFound);
    }

    // --- codes

    record CodeRequest(Integer count) {}

    @PostMapping(value = "/offers/{id}/codes", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> generate(@PathVariable UUID id, @RequestBody CodeRequest request) {
        if (request.count() == null) {
            return problems.respond(
                    HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", List.of(problems.fieldIssue("count", "REQUIRED")));
        }
        if (request.count() < 1 || request.count() > MAX_CODES_PER_REQUEST) {
            return invalid("count", "count is 1 to " + MAX_CODES_PER_REQUEST);
        }
        return switch (coupons.requestCodes(id, request.count())) {
            case CodeRequestOutcome.Started(var job)
            when job.status() == CodeJob.Status.QUEUED ->
                ResponseEntity.accepted()
                        .location(URI.create("/api/v1/offers/" + id + "/codes/jobs/" + job.jobId()))
                        .body(job);
            case CodeRequestOutcome.Started(var job) ->
                ResponseEntity.status(HttpStatus.CREATED)
                        .location(URI.create("/api/v1/offers/" + id + "/codes/jobs/" + job.jobId()))
                        .body(job);
            case CodeRequestOutcome.OfferNotFound() -> notFound();
            case CodeRequestOutcome.CodeSpaceTooSmall(var space, var needed) ->
                problems.respond(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "CODE_SPACE_TOO_SMALL",
                        List.of(problems.fieldIssue("count", "CODE_SPACE_TOO_SMALL", space, needed)),
                        space,
                        needed);
        };
    }

    /** Imports externally made codes: a CSV file (multipart {@code file}) with a {@code code} column. */
    @PostMapping(value = "/offers/{id}/codes", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<?> importFile(@PathVariable UUID id, @RequestPart("file") MultipartFile file) throws IOException {
        return importCodes(id, file.getInputStream());
    }

    /**
     * Imports externally made codes sent as the body ({@code text/csv}) with a {@code code} column. The body is
     * received into a temporary file first, as a multipart file is: a slow client then holds no database connection
     * and no transaction while it sends.
     */
    @PostMapping(value = "/offers/{id}/codes", consumes = "text/csv")
    ResponseEntity<?> importBody(@PathVariable UUID id, HttpServletRequest request) throws IOException {
        var received = Files.createTempFile("clipcast-codes-", ".csv");
        try {
            try (var body = request.getInputStream();
                    var out = Files.newOutputStream(received)) {
                body.transferTo(out);
            }
            try (var csv = Files.newInputStream(received)) {
                return importCodes(id, csv);
            }
        } finally {
            Files.deleteIfExists(received);
        }
    }

    /**
     * Reads the received file once, whatever its length: no more than a record of it is held at a time. Both ways a
     * file arrives it is on the server already, held to the upload limit while it was received.
     */
    private ResponseEntity<?> importCodes(UUID id, InputStream csv) {
        try {
            return switch (CodeCsv.open(csv)) {
                case CodeCsv.HeaderMissing() ->
                    problems.respond(
                            HttpStatus.BAD_REQUEST,
                            "CSV_HEADER_MISSING",
                            List.of(problems.fieldIssue("file", "CSV_HEADER_MISSING")));
                case CodeCsv.Unreadable() -> malformedCsv();
                case CodeCsv.Opened(var file) -> {
                    try (file) {
                        yield importResponse(coupons.importCodes(id, file));
                    }
                }
            };
        } catch (UncheckedIOException e) {
            // The file could not be read to its end.
            return malformedCsv();
        }
    }

    private ResponseEntity<?> importResponse(ImportOutcome outcome) {
        return switch (outcome) {
            case ImportOutcome.Imported(var count) ->
                ResponseEntity.status(HttpStatus.CREATED).body(Map.of("imported", count));
            case ImportOutcome.OfferNotFound() -> notFound();
            case ImportOutcome.Unreadable() -> malformedCsv();
            case ImportOutcome.Rejected(var errors, var errorCount) -> {
                var rows = errors.stream().map(this::rowView).toList();
                var response = problems.respond(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "IMPORT_REJECTED",
                        rows.stream()
                                .map(row -> new FieldIssue(
                                        "row " + row.row() + " " + row.field(), row.code(), row.message()))
                                .toList(),
                        errorCount,
                        rows.size());
                response.getBody().setProperty("errorCount", errorCount);
                response.getBody().setProperty("rows", rows);
                yield response;
            }
        };
    }

    /** A wrong row of an imported file as the API shows it: where, a machine code, and a sentence for a person. */
    record RowView(long row, String field, String code, String message) {}

    private RowView rowView(ImportOutcome.RowError error) {
        var code = error.problem().name();
        var message = messages.getMessage(
                "codeImport." + error.field() + "." + code, null, code, LocaleContextHolder.getLocale());
        return new RowView(error.row(), error.field(), code, message);
    }

    private ResponseEntity<?> malformedCsv() {
        return problems.respond(
                HttpStatus.BAD_REQUEST, "MALFORMED_CSV", List.of(problems.fieldIssue("file", "MALFORMED_CSV")));
    }

    /** The offer's codes: CSV with {@code Accept: text/csv} (a header row, one code a line), else JSON pages. */
    @GetMapping(value = "/offers/{id}/codes", produces = "text/csv")
    void exportCsv(@PathVariable UUID id, HttpServletResponse response) throws IOException {
        if (coupons.offer(id).isEmpty()) {
            response.setStatus(404);
            response.setContentType(ApiProblems.PROBLEM_JSON.toString());
            json.writeValue(response.getOutputStream(), problems.problem(HttpStatus.NOT_FOUND, "NOT_FOUND"));
            return;
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"codes-" + id + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write("code,generic,contactId,issuedAt,validUntil,redemptions,voidedAt\n");
        coupons.exportCodes(id, rs -> {
            try {
                var row = CodeRepository.codeRow(rs);
                out.write(row.code());
                out.write(',');
                out.write(Boolean.toString(row.generic()));
                out.write(',');
                out.write(text(row.contactId()));
                out.write(',');
                out.write(text(row.issuedAt()));
                out.write(',');
                out.write(text(row.validUntil()));
                out.write(',');
                out.write(Integer.toString(row.redemptions()));
                out.write(',');
                out.write(text(row.voidedAt()));
                out.write('\n');
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        out.flush();
    }

    @GetMapping(value = "/offers/{id}/codes", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> codes(
            @PathVariable UUID id,
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "100") int limit) {
        if (coupons.offer(id).isEmpty()) {
            return notFound();
        }
        int size = Math.clamp(limit, 1, 1000);
        var page = coupons.codePage(id, after, size);
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("items", page);
        body.put("next", page.size() == size ? page.getLast().code() : null);
        return ResponseEntity.ok(body);
    }

    @GetMapping({"/offers/{id}/codes/jobs/{jobId}", "/code-jobs/{jobId}"})
    ResponseEntity<?> job(@PathVariable UUID jobId) {
        return coupons.codeJob(jobId).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(this::notFound);
    }

    record GenericCodeRequest(String code) {
        GenericCodeRequest {
            if (code != null && !CodeFormat.isWellFormed(CodeFormat.normalise(code))) {
                throw new IllegalArgumentException("A code has 4 to 64 characters A-Z, 0-9 and '-'");
            }
        }
    }

    /** Creates the offer's one shared code, bounded by its total cap. */
    @PostMapping("/offers/{id}/generic-code")
    ResponseEntity<?> genericCode(@PathVariable UUID id, @RequestBody(required = false) GenericCodeRequest request) {
        return switch (coupons.createGenericCode(id, request == null ? null : request.code())) {
            case GenericCodeOutcome.Created(var code) ->
                ResponseEntity.status(HttpStatus.CREATED).body(Map.of("code", code, "offerId", id, "generic", true));
            case GenericCodeOutcome.AlreadyExists(var code) ->
                ResponseEntity.ok(Map.of("code", code, "offerId", id, "generic", true));
            case GenericCodeOutcome.OfferNotFound() -> notFound();
            case GenericCodeOutcome.NeedsTotalCap() ->
                problems.respond(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "GENERIC_CODE_NEEDS_CAP",
                        List.of(problems.fieldIssue("maxRedemptionsTotal", "REQUIRED")));
            case GenericCodeOutcome.CodeTaken() ->
                problems.respond(HttpStatus.CONFLICT, "CODE_TAKEN", List.of(problems.fieldIssue("code", "CODE_TAKEN")));
        };
    }

    // --- issue

    record IssueRequest(UUID contactId, String channel) {
        IssueRequest {
            if (contactId == null) {
                throw new IllegalArgumentException("contactId is required");
            }
        }
    }

    record IssuedView(String code, UUID offerId, UUID contactId, Instant issuedAt, Instant validUntil, String url) {}

    @PostMapping("/offers/{id}/issue")
    ResponseEntity<?> issue(
            @PathVariable UUID id,
            @RequestBody IssueRequest request,
            @org.springframework.beans.factory.annotation.Value("${clipcast.public-url}") String publicUrl) {
        return switch (coupons.issue(id, request.contactId(), request.channel())) {
            case IssueOutcome.Issued(var code, var created) ->
                ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(new IssuedView(
                                code.code(),
                                code.offerId(),
                                code.contactId(),
                                code.issuedAt(),
                                code.validUntil(),
                                publicUrl.replaceAll("/+$", "") + "/c/" + code.pageToken()));
            case IssueOutcome.OfferNotFound() -> notFound();
            case IssueOutcome.ChannelNotAllowed(var channel) ->
                problems.respond(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "CHANNEL_NOT_ALLOWED",
                        List.of(problems.fieldIssue("channel", "CHANNEL_NOT_ALLOWED", channel)),
                        channel);
            case IssueOutcome.Refused(var reason) ->
                problems.respond(
                        reason.isConflict() ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT, reason.name());
        };
    }

    private ResponseEntity<?> invalid(String field, String message) {
        return problems.respond(
                HttpStatus.BAD_REQUEST,
                "INVALID_FIELD",
                List.of(new FieldIssue(field, "INVALID_VALUE", message)),
                field);
    }

    private ResponseEntity<?> notFound() {
        return problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND");
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
