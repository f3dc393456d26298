package clipcast.tenancy;

import clipcast.web.ApiProblems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's API keys: made (the secret shown once), listed (never the secret), revoked. */
@RestController
@RequestMapping("/api/v1/api-keys")
class ApiKeyController {

    private final Tenancy tenancy;
    private final ApiProblems problems;

    ApiKeyController(Tenancy tenancy, ApiProblems problems) {
        this.tenancy = tenancy;
        this.problems = problems;
    }

    record CreateApiKey(@NotBlank @Size(max = 100) String name, ApiKeyScope scope) {}

    record ApiKeyView(UUID id, String name, ApiKeyScope scope, String prefix, Instant createdAt, Instant revokedAt) {
        static ApiKeyView of(ApiKey key) {
            return new ApiKeyView(key.id(), key.name(), key.scope(), key.prefix(), key.createdAt(), key.revokedAt());
        }
    }

    record CreatedApiKey(UUID id, String name, ApiKeyScope scope, String prefix, Instant createdAt, String key) {}

    @PostMapping
    ResponseEntity<CreatedApiKey> create(@Valid @RequestBody CreateApiKey request) {
        var issued = tenancy.issueApiKey(request.name(), request.scope() == null ? ApiKeyScope.FULL : request.scope());
        var key = issued.key();
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + key.id()))
                .body(new CreatedApiKey(
                        key.id(), key.name(), key.scope(), key.prefix(), key.createdAt(), issued.secret()));
    }

    @GetMapping
    Map<String, List<ApiKeyView>> list() {
        return Map.of("items", tenancy.apiKeys().stream().map(ApiKeyView::of).toList());
    }

    @GetMapping("/{id}")
    ResponseEntity<?> get(@PathVariable UUID id) {
        return tenancy.apiKey(id)
                .<ResponseEntity<?>>map(key -> ResponseEntity.ok(ApiKeyView.of(key)))
                .orElseGet(() -> problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND"));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<?> revoke(@PathVariable UUID id) {
        if (tenancy.apiKey(id).isEmpty()) {
            return problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND");
        }
        tenancy.revokeApiKey(id);
        return ResponseEntity.noContent().build();
    }
}
