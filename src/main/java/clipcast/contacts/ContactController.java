package clipcast.contacts;

import clipcast.consent.ConsentInput;
import clipcast.consent.Consents;
import clipcast.contacts.domain.ContactFields;
import clipcast.web.ApiProblems;
import clipcast.web.FieldIssue;
import java.net.URI;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Contacts over the API: create or merge, look up, read, their consents, export and erasure. */
@RestController
@RequestMapping("/api/v1/contacts")
class ContactController {

    private final Contacts contacts;
    private final Consents consents;
    private final ApiProblems problems;

    ContactController(Contacts contacts, Consents consents, ApiProblems problems) {
        this.contacts = contacts;
        this.consents = consents;
        this.problems = problems;
    }

    record ContactRequest(
            String email,
            String phone,
            String firstName,
            String lastName,
            String country,
            String language,
            String timeZone,
            LocalDate birthDate,
            Map<String, Object> attributes,
            List<String> lists,
            List<ConsentInput> consents) {}

    @PostMapping
    ResponseEntity<?> create(@RequestBody ContactRequest request) {
        var outcome = contacts.save(
                new ContactFields(
                        request.email(),
                        request.phone(),
                        request.firstName(),
                        request.lastName(),
                        request.country(),
                        request.language(),
                        request.timeZone(),
                        request.birthDate(),
                        request.attributes(),
                        request.lists()),
                request.consents());
        return switch (outcome) {
            case SaveOutcome.Saved saved -> {
                var body = view(saved.contact());
                yield saved.created()
                        ? ResponseEntity.created(URI.create(
                                        "/api/v1/contacts/" + saved.contact().id()))
                                .body(body)
                        : ResponseEntity.ok(body);
            }
            case SaveOutcome.Refused refused -> refusal(refused);
        };
    }

    @GetMapping
    ResponseEntity<?> lookup(
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String phone,
            @RequestParam(required = false) String country,
            @RequestParam(required = false) UUID after,
            @RequestParam(defaultValue = "100") int limit) {
        if (email != null || phone != null) {
            return ResponseEntity.ok(Map.of(
                    "items",
                    contacts.lookup(email, phone, country).stream()
                            .map(this::view)
                            .toList()));
        }
        if (limit < 1 || limit > 1000) {
            return problems.respond(
                    HttpStatus.BAD_REQUEST,
                    "INVALID_PARAMETER",
                    List.of(problems.fieldIssue("limit", "OUT_OF_RANGE")),
                    "limit");
        }
        var page = contacts.page(after, limit);
        var body = new LinkedHashMap<String, Object>();
        body.put("items", page.stream().map(this::view).toList());
        body.put("nextCursor", page.size() == limit ? page.getLast().id().toString() : null);
        return ResponseEntity.ok(body);
    }

    @GetMapping("/{id}")
    ResponseEntity<?> get(@PathVariable UUID id) {
        return contacts.find(id)
                .<ResponseEntity<?>>map(contact -> ResponseEntity.ok(view(contact)))
                .orElseGet(this::notFound);
    }

    @PostMapping("/{id}/consents")
    ResponseEntity<?> recordConsent(@PathVariable UUID id, @RequestBody ConsentInput input) {
        return contacts.recordConsent(id, input)
                .<ResponseEntity<?>>map(outcome -> switch (outcome) {
                    case SaveOutcome.Saved saved ->
                        ResponseEntity.status(HttpStatus.CREATED)
                                .body(saved.consents().getFirst());
                    case SaveOutcome.Refused refused -> refusal(refused);
                })
                .orElseGet(this::notFound);
    }

    @GetMapping("/{id}/consents")
    ResponseEntity<?> consents(@PathVariable UUID id) {
        if (contacts.find(id).isEmpty()) {
            return notFound();
        }
        return ResponseEntity.ok(Map.of("items", consents.history(id), "current", consents.current(id)));
    }

    @GetMapping("/{id}/export")
    ResponseEntity<?> export(@PathVariable UUID id) {
        return contacts.export(id).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(this::notFound);
    }

    @PostMapping("/{id}/erasure")
    ResponseEntity<?> erase(@PathVariable UUID id) {
        if (!contacts.erase(id)) {
            return notFound();
        }
        return ResponseEntity.ok(Map.of("id", id, "status", "ERASED"));
    }

    private Map<String, Object> view(Contact contact) {
        var view = new LinkedHashMap<String, Object>();
        view.put("id", contact.id());
        view.put("email", contact.email());
        view.put("phone", contact.phone());
        view.put("firstName", contact.firstName());
        view.put("lastName", contact.lastName());
        view.put("country", contact.country());
        view.put("language", contact.language());
        view.put("timeZone", contact.timeZone());
        view.put("timeZoneSource", contact.timeZoneSource());
        view.put("birthDate", contact.birthDate());
        view.put("attributes", contact.attributes());
        view.put("lists", contact.lists());
        view.put("consents", consents.current(contact.id()));
        view.put("createdAt", contact.createdAt());
        view.put("updatedAt", contact.updatedAt());
        return view;
    }

    private ResponseEntity<ProblemDetail> refusal(SaveOutcome.Refused refused) {
        var status = switch (refused.code()) {
            case "VALIDATION_FAILED" -> HttpStatus.BAD_REQUEST;
            case "CONTACT_CONFLICT" -> HttpStatus.CONFLICT;
            default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        List<FieldIssue> issues = refused.problems().stream()
                .map(problem -> problems.fieldIssue(problem.field(), problem.code()))
                .toList();
        return problems.respond(status, refused.code(), issues);
    }

    private ResponseEntity<?> notFound() {
        return problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND");
    }
}
