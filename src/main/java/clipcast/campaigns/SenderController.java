package clipcast.campaigns;

import clipcast.delivery.SenderDomains;
import clipcast.web.ApiProblems;
import java.net.URI;
import java.util.LinkedHashMap;
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

/** Senders and the sender profile over the API. */
@RestController
@RequestMapping("/api/v1")
class SenderController {

    private final Senders senders;
    private final SenderDomains dkim;
    private final ApiProblems problems;

    SenderController(Senders senders, SenderDomains dkim, ApiProblems problems) {
        this.senders = senders;
        this.dkim = dkim;
        this.problems = problems;
    }

    record SenderRequest(String kind, String address, String displayName) {}

    @PostMapping("/senders")
    ResponseEntity<?> add(@RequestBody SenderRequest request) {
        return switch (senders.add(request.kind(), request.address(), request.displayName())) {
            case Senders.Added.Created(var sender) ->
                ResponseEntity.created(URI.create("/api/v1/senders/" + sender.id()))
                        .body(view(sender));
            case Senders.Added.Invalid(var issues) ->
                problems.respond(
                        HttpStatus.BAD_REQUEST,
                        "VALIDATION_FAILED",
                        issues.stream()
                                .map(i -> problems.fieldIssue(i.field(), i.code()))
                                .toList());
            case Senders.Added.Refused(var code, var field) ->
                problems.respond(
                        HttpStatus.UNPROCESSABLE_CONTENT, code, java.util.List.of(problems.fieldIssue(field, code)));
            case Senders.Added.Exists exists -> problems.respond(HttpStatus.CONFLICT, "SENDER_EXISTS");
        };
    }

    @GetMapping("/senders")
    Map<String, Object> list() {
        return Map.of("items", senders.list().stream().map(this::view).toList());
    }

    @GetMapping("/senders/{id}")
    ResponseEntity<?> get(@PathVariable UUID id) {
        return senders.find(id)
                .<ResponseEntity<?>>map(sender -> ResponseEntity.ok(view(sender)))
                .orElseGet(() -> problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND"));
    }

    @GetMapping("/sender-profile")
    ResponseEntity<?> profile() {
        return senders.profile()
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND"));
    }

    @PutMapping("/sender-profile")
    ResponseEntity<?> saveProfile(@RequestBody SenderProfile profile) {
        var issues = senders.saveProfile(profile);
        if (!issues.isEmpty()) {
            return problems.respond(
                    HttpStatus.BAD_REQUEST,
                    "VALIDATION_FAILED",
                    issues.stream()
                            .map(i -> problems.fieldIssue(i.field(), i.code()))
                            .toList());
        }
        return ResponseEntity.ok(senders.profile().orElseThrow());
    }

    private Map<String, Object> view(Sender sender) {
        var view = new LinkedHashMap<String, Object>();
        view.put("id", sender.id());
        view.put("kind", sender.kind());
        view.put("address", sender.address());
        view.put("displayName", sender.displayName());
        view.put("status", sender.status());
        view.put("createdAt", sender.createdAt());
        view.put("verifiedAt", sender.verifiedAt());
        if (sender.kind().equals("EMAIL")) {
            var record = dkim.dkimRecord(sender.address());
            view.put("dkim", Map.of("name", record.name(), "type", "TXT", "value", record.value()));
        }
        return view;
    }
}
