package clipcast.delivery.push;

import clipcast.delivery.SendOutcome;
import clipcast.delivery.push.domain.PushAttempt;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of sending one message to every push subscription of a contact: the outcome for the outbox, and
 * how many subscriptions accepted, were gone (and are now deleted), asked to retry, or refused.
 *
 * <p>Accepted when any subscription accepted (its reference is the accepting services' message URLs, separated
 * by spaces); else retry later when any asked to; else refused with the first refusal; and {@code NO_SUBSCRIPTION}
 * when the contact had no subscription or every one was gone.
 *
 * @param retryNotBefore the latest {@code Retry-After} among the subscriptions that asked to retry, null if none
 *     named one; meaningful only when the outcome is {@link SendOutcome.RetryLater}
 */
public record PushDelivery(
        SendOutcome outcome, int accepted, int gone, int retrying, int refused, Instant retryNotBefore) {

    public static final String NO_SUBSCRIPTION = "NO_SUBSCRIPTION";

    static PushDelivery refusedBeforeSending(String code, String reason) {
        return new PushDelivery(new SendOutcome.Refused(code, reason), 0, 0, 0, 0, null);
    }

    static PushDelivery noSubscription(int gone) {
        return new PushDelivery(
                new SendOutcome.Refused(NO_SUBSCRIPTION, "The contact has no push subscription"), 0, gone, 0, 0, null);
    }

    static PushDelivery of(List<PushAttempt> attempts) {
        var accepted = attempts.stream()
                .filter(PushAttempt.Accepted.class::isInstance)
                .map(PushAttempt.Accepted.class::cast)
                .toList();
        var retries = attempts.stream()
                .filter(PushAttempt.RetryLater.class::isInstance)
                .map(PushAttempt.RetryLater.class::cast)
                .toList();
        var refusals = attempts.stream()
                .filter(PushAttempt.Refused.class::isInstance)
                .map(PushAttempt.Refused.class::cast)
                .toList();
        int gone = (int)
                attempts.stream().filter(PushAttempt.Gone.class::isInstance).count();
        var notBefore = retries.stream()
                .map(PushAttempt.RetryLater::notBefore)
                .filter(java.util.Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(null);
        SendOutcome outcome;
        if (!accepted.isEmpty()) {
            outcome = new SendOutcome.Accepted(accepted.stream()
                    .map(PushAttempt.Accepted::location)
                    .filter(location -> !location.isEmpty())
                    .collect(Collectors.joining(" ")));
        } else if (!retries.isEmpty()) {
            var first = retries.getFirst();
            var reason = notBefore == null ? first.reason() : first.reason() + " (retry after " + notBefore + ")";
            outcome = new SendOutcome.RetryLater(first.code(), reason);
        } else if (!refusals.isEmpty()) {
            outcome = new SendOutcome.Refused(
                    refusals.getFirst().code(), refusals.getFirst().reason());
        } else {
            return noSubscription(gone);
        }
        return new PushDelivery(outcome, accepted.size(), gone, retries.size(), refusals.size(), notBefore);
    }
}
