package clipcast.delivery.feedback.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An enhanced mail system status code (RFC 3463) such as {@code 5.1.1}: class (2 success, 4 persistent transient
 * failure, 5 permanent failure), subject and detail.
 */
public record EnhancedStatus(int statusClass, int subject, int detail) {

    private static final Pattern CODE = Pattern.compile("(?<![0-9.])([245])\\.([0-9]{1,3})\\.([0-9]{1,3})(?![0-9])");

    public EnhancedStatus {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("A status class is 2, 4 or 5");
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException("Subject and detail have 1 to 3 digits");
        }
    }

    /** The code a DSN's {@code Status} field starts with ({@code 5.1.1 (bad destination mailbox)}). */
    public static Optional<EnhancedStatus> parse(String field) {
        if (field == null) {
            return Optional.empty();
        }
        var matcher = CODE.matcher(field.strip());
        return matcher.lookingAt() ? Optional.of(of(matcher)) : Optional.empty();
    }

    /** The first code anywhere in a text, such as {@code smtp; 550 5.1.1 <ana@example.org>: User unknown}. */
    public static Optional<EnhancedStatus> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var matcher = CODE.matcher(text);
        return matcher.find() ? Optional.of(of(matcher)) : Optional.empty();
    }

    private static EnhancedStatus of(java.util.regex.Matcher matcher) {
        return new EnhancedStatus(
                Integer.parseInt(matcher.group(1)),
                Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)));
    }

    public boolean permanent() {
        return statusClass == 5;
    }

    /**
     * Conditions RFC 3463 says are "useful only as a persistent transient" failure even when a server reports them
     * with class 5: a full mailbox (X.2.2; its owner can make room), a full mail system (X.3.1) and congestion
     * (X.4.5). Resending later may well succeed, so they are no reason to give up on the address.
     */
    public boolean persistentTransient() {
        return (subject == 2 && detail == 2) || (subject == 3 && detail == 1) || (subject == 4 && detail == 5);
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
