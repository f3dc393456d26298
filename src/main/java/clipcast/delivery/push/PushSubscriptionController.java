package clipcast.delivery.push;

import clipcast.web.ApiProblems;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Web Push over the API: the tenant's public VAPID key, and the push subscriptions of its contacts. */
@RestController
class PushSubscriptionController {

    private final PushSubscriptions subscriptions;
    private final ApiProblems problems;

    PushSubscriptionController(PushSubscriptions subscriptions, ApiProblems problems) {
        this.subscriptions = subscriptions;
        this.problems = problems;
    }

    /** The browser's {@code PushSubscription.toJSON()}, as it is. */
    record SubscriptionRequest(String endpoint, Long expirationTime, Keys keys) {
        record Keys(String p256dh, String auth) {}
    }

    @GetMapping("/api/v1/push/vapid-public-key")
    Map<String, String> vapidPublicKey() {
        return Map.of("publicKey", subscriptions.vapidPublicKey());
    }

    @PostMapping("/api/v1/contacts/{contactId}/push-subscriptions")
    ResponseEntity<?> subscribe(@PathVariable UUID contactId, @RequestBody SubscriptionRequest request) {
        var keys = request.keys() == null ? new SubscriptionRequest.Keys(null, null) : request.keys();
        return switch (subscriptions.subscribe(
                contactId, request.endpoint(), keys.p256dh(), keys.auth(), request.expirationTime())) {
            case PushSubscriptions.Subscribed(var subscription, var created)
            when created -> ResponseEntity.created(location(subscription)).body(view(subscription));
            case PushSubscriptions.Subscribed(var subscription, var created) -> ResponseEntity.ok(view(subscription));
            case PushSubscriptions.Invalid(var found) ->
                problems.respond(
                        HttpStatus.BAD_REQUEST,
                        "VALIDATION_FAILED",
                        found.stream()
                                .map(problem -> problems.fieldIssue(problem.field(), problem.code()))
                                .toList());
            case PushSubscriptions.ContactNotFound() -> notFound();
        };
    }

    @GetMapping("/api/v1/contacts/{contactId}/push-subscriptions")
    ResponseEntity<?> list(@PathVariable UUID contactId) {
        return subscriptions
                .of(contactId)
                .<ResponseEntity<?>>map(found -> ResponseEntity.ok(
                        Map.of("items", found.stream().map(this::view).toList())))
                .orElseGet(this::notFound);
    }

    @DeleteMapping("/api/v1/contacts/{contactId}/push-subscriptions/{subscriptionId}")
    ResponseEntity<?> unsubscribe(@PathVariable UUID contactId, @PathVariable UUID subscriptionId) {
        return subscriptions.remove(contactId, subscriptionId)
                ? ResponseEntity.noContent().build()
                : notFound();
    }

    /** The keys stay out: the auth secret is shared with nobody but the browser. */
    private Map<String, Object> view(PushSubscription subscription) {
        var view = new LinkedHashMap<String, Object>();
        view.put("id", subscription.id());
        view.put("contactId", subscription.contactId());
        view.put("endpoint", subscription.endpoint().toString());
        view.put("expiresAt", subscription.expiresAt());
        view.put("createdAt", subscription.createdAt());
        view.put("updatedAt", subscription.updatedAt());
        return view;
    }

    private static URI location(PushSubscription subscription) {
        return URI.create("/api/v1/contacts/" + subscription.contactId() + "/push-subscriptions/" + subscription.id());
    }

    private ResponseEntity<?> notFound() {
        return problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND");
    }
}
