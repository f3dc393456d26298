package clipcast.contacts;

import clipcast.web.ApiProblems;
import clipcast.web.FieldIssue;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Hosted subscription forms over the API: create one, read it, give it a new version of its consent text. */
@RestController
@RequestMapping("/api/v1/forms")
class FormController {

    private final Forms forms;
    private final ApiProblems problems;

    FormController(Forms forms, ApiProblems problems) {
        this.forms = forms;
        this.problems = problems;
    }

    record CreateForm(String name, String purpose, List<String> fields, String consentText) {}

    record ChangeConsentText(String consentText) {}

    @PostMapping
    ResponseEntity<?> create(@RequestBody CreateForm request) {
        var issues = new ArrayList<FieldIssue>();
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            issues.add(problems.fieldIssue("name", "REQUIRED"));
        }
        var purpose = request.purpose() == null ? "" : request.purpose().strip().toLowerCase(java.util.Locale.ROOT);
        if (!purpose.matches("[a-z0-9][a-z0-9_.-]{0,63}")) {
            issues.add(problems.fieldIssue("purpose", "INVALID_PURPOSE"));
        }
        var fields = request.fields() == null ? List.<String>of() : request.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (!SubscribeForm.OPTIONAL_FIELDS.contains(fields.get(i))) {
                issues.add(problems.fieldIssue("fields[" + i + "]", "UNKNOWN_FORM_FIELD"));
            }
        }
        checkText(issues, request.consentText());
        if (!issues.isEmpty()) {
            return problems.respond(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", issues);
        }
        var form = forms.create(
                request.name().strip(),
                purpose,
                List.copyOf(new java.util.LinkedHashSet<>(fields)),
                request.consentText().strip());
        return ResponseEntity.created(URI.create("/api/v1/forms/" + form.id())).body(view(form));
    }

    @GetMapping("/{id}")
    ResponseEntity<?> get(@PathVariable UUID id) {
        return forms.find(id)
                .<ResponseEntity<?>>map(form -> ResponseEntity.ok(view(form)))
                .orElseGet(() -> problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND"));
    }

    @PutMapping("/{id}/consent-text")
    ResponseEntity<?> changeConsentText(@PathVariable UUID id, @RequestBody ChangeConsentText request) {
        var issues = new ArrayList<FieldIssue>();
        checkText(issues, request.consentText());
        if (!issues.isEmpty()) {
            return problems.respond(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", issues);
        }
        return forms.changeConsentText(id, request.consentText().strip())
                .<ResponseEntity<?>>map(form -> ResponseEntity.ok(view(form)))
                .orElseGet(() -> problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND"));
    }

    private void checkText(List<FieldIssue> issues, String text) {
        if (text == null || text.isBlank()) {
            issues.add(problems.fieldIssue("consentText", "REQUIRED"));
        } else if (text.length() > 10_000) {
            issues.add(problems.fieldIssue("consentText", "TOO_LONG"));
        }
    }

    private Map<String, Object> view(SubscribeForm form) {
        var view = new LinkedHashMap<String, Object>();
        view.put("id", form.id());
        view.put("name", form.name());
        view.put("purpose", form.purpose());
        view.put("fields", form.fields());
        view.put("version", form.version());
        view.put("consentText", form.consentText());
        view.put("url", forms.url(form.id()));
        return view;
    }
}
