package clipcast.delivery.feedback.domain;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every email Clipcast sends has {@code Message-ID: <{outbox message id}@{sender domain}>}; a report that quotes the
 * original message's Message-ID therefore names the outbox message. Any other Message-ID is not one of ours.
 */
public final class OutboxMessageId {

    private static final Pattern OURS =
            Pattern.compile("([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})@[^@<>\\s]+");

    private OutboxMessageId() {}

    /** The outbox message id in a Message-ID field's value ({@code <0198…@shop.example>}). */
    public static Optional<UUID> in(String messageIdField) {
        if (messageIdField == null) {
            return Optional.empty();
        }
        var value = messageIdField.strip();
        int open = value.indexOf('<');
        int close = value.indexOf('>', open + 1);
        if (open >= 0 && close > open) {
            value = value.substring(open + 1, close).strip();
        }
        var matcher = OURS.matcher(value);
        return matcher.matches() ? Optional.of(UUID.fromString(matcher.group(1))) : Optional.empty();
    }
}
