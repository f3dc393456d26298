package clipcast.delivery.push.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * What a push service's answer to one message means for the subscription it was sent to (RFC 8030): accepted,
 * gone for good (the subscription is to be forgotten), to be retried later (throttled or the service is in
 * trouble), or refused (bad request, payload too large, a VAPID key the subscription was not made with).
 */
public sealed interface PushAttempt {

    /** The push service took the message; {@code location} is the message's URL there, empty if none was given. */
    record Accepted(String location) implements PushAttempt {}

    /** 404 or 410: the subscription expired or was withdrawn by the browser. */
    record Gone(int status) implements PushAttempt {}

    /** 429 or 5xx, or no answer at all. {@code notBefore} is the service's Retry-After, null when it named none. */
    record RetryLater(String code, String reason, Instant notBefore) implements PushAttempt {}

    /** Refused for good: sending the same again would be refused again. */
    record Refused(String code, String reason) implements PushAttempt {}

    /** Reads a push service's answer: its status, {@code Location}, {@code Retry-After} and body (any may be null). */
    static PushAttempt fromResponse(int status, String location, String retryAfter, String body, Instant now) {
        if (status >= 200 && status < 300) {
            return new Accepted(location == null ? "" : location);
        }
        if (status == 404 || status == 410) {
            return new Gone(status);
        }
        var reason = "Push service answered " + status + summary(body);
        if (status == 429 || status >= 500) {
            return new RetryLater(String.valueOf(status), reason, retryAt(retryAfter, now));
        }
        return new Refused(String.valueOf(status), reason);
    }

    /** Retry-After as delay-seconds or an HTTP date (RFC 9110 section 10.2.3); null when absent or unreadable. */
    static Instant retryAt(String retryAfter, Instant now) {
        if (retryAfter == null || retryAfter.isBlank()) {
            return null;
        }
        var value = retryAfter.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            return value.length() > 9 ? null : now.plusSeconds(Long.parseLong(value));
        }
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String summary(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        var printable = body.replaceAll("\\p{Cntrl}+", " ").strip();
        int limit = 200;
        return ": " + (printable.length() > limit ? printable.substring(0, limit) + "…" : printable);
    }
}
