package clipcast.contacts;

import clipcast.consent.Channel;
import clipcast.consent.ConsentMethod;
import clipcast.tenancy.Role;
import clipcast.tenancy.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The dashboard's import page: a file and its attestation in, the same job as {@code POST /api/v1/imports}
 * ({@link ImportSubmissions}); then the job's page, which follows its progress and shows every rejected row. For the
 * people of a tenant who manage its contacts: owners and marketers.
 */
@Controller
@RequestMapping("/app/imports")
class ImportPageController {

    /** Rows of the report shown on the page; the API gives up to {@link Imports#MAX_REPORTED_ERRORS}. */
    static final int REPORT_ROWS_SHOWN = 1_000;

    private static final Set<Role> IMPORTERS = Set.of(Role.OWNER, Role.MARKETER);
    private static final List<String> CHANNELS = List.of(Channel.EMAIL.name(), Channel.SMS.name());
    private static final List<String> METHODS = Arrays.stream(ConsentMethod.values())
            .filter(method -> method.acceptedFromCallers() && method != ConsentMethod.IMPORT)
            .map(ConsentMethod::name)
            .toList();

    private final ImportSubmissions submissions;
    private final Imports imports;
    private final MessageSource messages;

    ImportPageController(ImportSubmissions submissions, Imports imports, MessageSource messages) {
        this.submissions = submissions;
        this.imports = imports;
        this.messages = messages;
    }

    @ModelAttribute
    void requireImporter(@AuthenticationPrincipal SignedInUser user) {
        if (user == null || user.tenantId() == null || !IMPORTERS.contains(user.role())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    @GetMapping
    String form(Model model) {
        var values = new LinkedHashMap<String, String>();
        values.put("channel", Channel.EMAIL.name());
        values.put("purpose", "marketing");
        return showForm(model, values, Map.of());
    }

    @PostMapping
    String submit(
            @RequestParam(required = false) MultipartFile file,
            @RequestParam Map<String, String> params,
            HttpServletResponse response,
            Model model)
            throws IOException {
        var fields = new ImportSubmissions.Fields(
                params.get("channel"),
                params.get("purpose"),
                params.get("consentMethod"),
                params.get("consentText"),
                params.get("sourceDescription"),
                params.get("collectedAt"),
                params.get("notPurchased"),
                params.get("defaultCountry"));
        return switch (submissions.submit(file, fields)) {
            case ImportSubmissions.Started(var id) -> "redirect:/app/imports/" + id;
            case ImportSubmissions.Refused(var problems) -> {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                var errors = new LinkedHashMap<String, String>();
                problems.forEach(problem ->
                        errors.putIfAbsent(problem.field(), text(problem.code(), params.get(problem.field()))));
                yield showForm(model, typedValues(params), errors);
            }
        };
    }

    @GetMapping("/{id}")
    String job(@PathVariable String id, Model model) {
        var job = parse(id).flatMap(imports::find).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("job", job);
        model.addAttribute("collectedOn", LocalDate.ofInstant(job.attestation().collectedAt(), ZoneOffset.UTC));
        model.addAttribute(
                "report",
                job.errors().stream()
                        .limit(REPORT_ROWS_SHOWN)
                        .map(error -> new ReportRow(error.row(), error.field(), text(error.code(), null)))
                        .toList());
        model.addAttribute("reportShown", Math.min(job.errorsTotal(), REPORT_ROWS_SHOWN));
        return "contacts/import-job";
    }

    /** A rejected row as the page shows it: the reason in the reader's language. */
    record ReportRow(long row, String field, String reason) {}

    private String showForm(Model model, Map<String, String> values, Map<String, String> errors) {
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("channels", CHANNELS);
        model.addAttribute("methods", METHODS);
        return "contacts/import";
    }

    /** What the person typed, to fill the form again; never the not-bought box, which they tick each time. */
    private static Map<String, String> typedValues(Map<String, String> params) {
        var values = new LinkedHashMap<String, String>();
        for (var field : List.of(
                "channel",
                "purpose",
                "consentMethod",
                "consentText",
                "sourceDescription",
                "collectedAt",
                "defaultCountry")) {
            var value = params.get(field);
            if (value != null) {
                values.put(
                        field,
                        value.length() > ImportRequestCheck.MAX_CONSENT_TEXT
                                ? value.substring(0, ImportRequestCheck.MAX_CONSENT_TEXT)
                                : value);
            }
        }
        return values;
    }

    /** The reason for a code in the reader's language; {@code value}, what was typed, fills a {0} in it. */
    private String text(String code, String value) {
        var locale = LocaleContextHolder.getLocale();
        var sentence = messages.getMessage("field." + code, null, code, locale);
        // Arguments only where the sentence has a place for them: with arguments, an apostrophe would be a quote.
        return sentence.contains("{0}")
                ? messages.getMessage("field." + code, new Object[] {value == null ? "" : value}, code, locale)
                : sentence;
    }

    private static java.util.Optional<UUID> parse(String id) {
        try {
            return java.util.Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
