package clipcast.coupons;

import clipcast.coupons.domain.RefusalReason;
import clipcast.tenancy.ApiPrincipal;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import clipcast.web.ApiProblems;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Validation, redemption and reversal: what a till calls. */
@RestController
@RequestMapping("/api/v1")
class RedemptionController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Coupons coupons;
    private final GuessGuard guard;
    private final RedemptionRepository redemptions;
    private final TransactionTemplate transactions;
    private final ApiProblems problems;
    private final JsonMapper json;
    private final ConnectionGate gate;
    private final CouponsProperties properties;
    private final java.time.Clock clock;

    RedemptionController(
            ConnectionGate gate,
            CouponsProperties properties,
            java.time.Clock clock,
            Coupons coupons,
            GuessGuard guard,
            RedemptionRepository redemptions,
            TransactionTemplate transactions,
            ApiProblems problems,
            JsonMapper json) {
        this.gate = gate;
        this.properties = properties;
        this.clock = clock;
        this.coupons = coupons;
        this.guard = guard;
        this.redemptions = redemptions;
        this.transactions = transactions;
        this.problems = problems;
        this.json = json;
    }

    record RedemptionView(
            UUID id,
            String code,
            String status,
            Instant redeemedAt,
            Instant reversedAt,
            UUID offerId,
            UUID contactId,
            BigDecimal orderAmount,
            String currency,
            String location) {

        static RedemptionView of(Redemption redemption) {
            return new RedemptionView(
                    redemption.id(),
                    redemption.code(),
                    redemption.reversedAt() == null ? "REDEEMED" : "REVERSED",
                    redemption.redeemedAt(),
                    redemption.reversedAt(),
                    redemption.offerId(),
                    redemption.contactId(),
                    redemption.orderAmount(),
                    redemption.currency(),
                    redemption.location());
        }
    }

    record OfferSummary(UUID id, String name, clipcast.coupons.domain.Discount discount, String terms) {}

    record ValidView(String code, boolean valid, OfferSummary offer, Instant validUntil, int redemptions) {}

    @GetMapping("/coupons/{code}")
    ResponseEntity<?> validate(
            @PathVariable String code, @RequestParam(required = false) UUID contactId, HttpServletRequest http) {
        var tenant = TenantScope.requireTenant();
        var callers = callers(http);
        var verdict = verdict(tenant, callers);
        if (verdict.refused()) {
            return tooManyGuesses(verdict.retryAfter());
        }
        verdict.waitDelay();
        return gate.call(() -> validateGated(tenant, callers, code, contactId));
    }

    private ResponseEntity<?> validateGated(TenantId tenant, List<String> callers, String code, UUID contactId) {
        return switch (coupons.validate(code, contactId)) {
            case ValidationOutcome.Valid valid ->
                ResponseEntity.ok(new ValidView(
                        valid.code(),
                        true,
                        new OfferSummary(
                                valid.offer().id(),
                                valid.offer().name(),
                                valid.offer().discount(),
                                valid.offer().terms()),
                        valid.validUntil(),
                        valid.redemptions()));
            case ValidationOutcome.Refused(var reason) -> refusal(tenant, callers, reason);
        };
    }

    @PostMapping("/coupons/{code}/void")
    ResponseEntity<?> voidCode(@PathVariable String code) {
        return coupons.voidCode(code)
                ? ResponseEntity.noContent().build()
                : problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND");
    }

    @PostMapping("/redemptions")
    ResponseEntity<?> redeem(
            @RequestBody RedemptionRequest request,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            HttpServletRequest http) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            return problems.respond(
                    HttpStatus.BAD_REQUEST,
                    "INVALID_IDEMPOTENCY_KEY",
                    List.of(problems.fieldIssue(IDEMPOTENCY_KEY, "INVALID_IDEMPOTENCY_KEY")));
        }
        var tenant = TenantScope.requireTenant();
        var callers = callers(http);
        var verdict = verdict(tenant, callers);
        if (verdict.refused()) {
            return tooManyGuesses(verdict.retryAfter());
        }
        verdict.waitDelay();
        return gate.call(() -> redeemGated(request, idempotencyKey, http));
    }

    private ResponseEntity<?> redeemGated(RedemptionRequest request, String idempotencyKey, HttpServletRequest http) {
        var tenant = TenantScope.requireTenant();
        var callers = callers(http);
        if (idempotencyKey == null) {
            return answer(tenant, callers, coupons.redeem(request));
        }
        var fingerprint = fingerprint(request);
        return transactions.execute(status -> {
            if (!redemptions.claimIdempotencyKey(
                    tenant, idempotencyKey, fingerprint, clock.instant().minus(properties.idempotencyTtl()))) {
                return redemptions
                        .answer(tenant, idempotencyKey)
                        .<ResponseEntity<?>>map(stored -> !stored.answers(fingerprint)
                                ? problems.respond(HttpStatus.UNPROCESSABLE_CONTENT, "IDEMPOTENCY_KEY_REUSED")
                                : ResponseEntity.status(stored.status())
                                        .contentType(
                                                stored.status() >= 400
                                                        ? ApiProblems.PROBLEM_JSON
                                                        : MediaType.APPLICATION_JSON)
                                        .header("Idempotent-Replayed", "true")
                                        .body(stored.body()))
                        .orElseGet(() -> problems.respond(HttpStatus.CONFLICT, "IDEMPOTENCY_KEY_IN_USE"));
            }
            var response = answer(tenant, callers, coupons.redeem(request));
            redemptions.rememberAnswer(
                    tenant,
                    idempotencyKey,
                    response.getStatusCode().value(),
                    json.writeValueAsString(response.getBody()));
            return response;
        });
    }

    /** What makes two redemption requests the same request, for {@code Idempotency-Key} replays. */
    static String fingerprint(RedemptionRequest request) {
        var canonical = String.join(
                "\u001F",
                String.valueOf(request.code()),
                String.valueOf(
                        request.orderAmount() == null
                                ? null
                                : request.orderAmount().stripTrailingZeros()),
                String.valueOf(request.currency()),
                String.valueOf(request.location()),
                String.valueOf(request.contactId()));
        try {
            var digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @GetMapping("/redemptions/{id}")
    ResponseEntity<?> get(@PathVariable UUID id) {
        return coupons.redemption(id)
                .<ResponseEntity<?>>map(redemption -> ResponseEntity.ok(RedemptionView.of(redemption)))
                .orElseGet(() -> problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND"));
    }

    @PostMapping("/redemptions/{id}/reversal")
    ResponseEntity<?> reverse(@PathVariable UUID id) {
        return switch (coupons.reverse(id)) {
            case ReversalOutcome.Reversed(var redemption) -> ResponseEntity.ok(RedemptionView.of(redemption));
            case ReversalOutcome.NotFound() -> problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND");
            case ReversalOutcome.AlreadyReversed() -> problems.respond(HttpStatus.CONFLICT, "ALREADY_REVERSED");
            case ReversalOutcome.WindowClosed() ->
                problems.respond(HttpStatus.UNPROCESSABLE_CONTENT, "REVERSAL_WINDOW_CLOSED");
        };
    }

    private ResponseEntity<?> answer(TenantId tenant, List<String> callers, RedemptionOutcome outcome) {
        return switch (outcome) {
            case RedemptionOutcome.Redeemed(var redemption) ->
                ResponseEntity.created(URI.create("/api/v1/redemptions/" + redemption.id()))
                        .body(RedemptionView.of(redemption));
            case RedemptionOutcome.Refused(var reason) -> refusal(tenant, callers, reason);
        };
    }

    private ResponseEntity<?> refusal(TenantId tenant, List<String> callers, RefusalReason reason) {
        if (reason == RefusalReason.UNKNOWN_CODE) {
            guard.failed(tenant, callers);
        }
        return problems.respond(
                reason.isConflict() ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT, reason.name());
    }

    /** The guess guard's verdict; read under the gate only when this node does not know the callers as clean. */
    private GuessGuard.Verdict verdict(TenantId tenant, List<String> callers) {
        return guard.remembered(tenant, callers).orElseGet(() -> gate.call(() -> guard.assess(tenant, callers)));
    }

    private ResponseEntity<?> tooManyGuesses(java.time.Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        var response = problems.respond(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_FAILED_VALIDATIONS", seconds);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(ApiProblems.PROBLEM_JSON)
                .body(response.getBody());
    }

    /** Who is asking, for the guess guard: the API key, and the client address. */
    static List<String> callers(HttpServletRequest http) {
        var callers = new ArrayList<String>(2);
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ApiPrincipal principal) {
            callers.add("key:" + principal.keyId());
        }
        callers.add("addr:" + http.getRemoteAddr());
        return callers;
    }
}
