package clipcast.delivery.feedback.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-recipient fields of a delivery status notification (RFC 3464 section 2.3).
 *
 * @param originalRecipient the normalised {@code Original-Recipient} (the address the message was sent to), or null
 * @param finalRecipient the normalised {@code Final-Recipient} (the address the reporting MTA tried), or null
 * @param reportedRecipient the recipient as the report writes it, for people to read
 * @param action {@code failed}, {@code delayed}, {@code delivered}, {@code relayed}, {@code expanded} (lower case),
 *     or empty
 * @param status the {@code Status} code, or the first one in {@code Diagnostic-Code} when that is missing; null
 *     when neither has one
 * @param diagnostic the {@code Diagnostic-Code} on one line, or null
 */
public record RecipientStatus(
        String originalRecipient,
        String finalRecipient,
        String reportedRecipient,
        String action,
        EnhancedStatus status,
        String diagnostic) {

    public RecipientStatus {
        action = action == null ? "" : action;
    }

    /** The addresses that may be the one the message was sent to: the original recipient first. */
    public List<String> addresses() {
        var addresses = new ArrayList<String>(2);
        if (originalRecipient != null) {
            addresses.add(originalRecipient);
        }
        if (finalRecipient != null && !finalRecipient.equals(originalRecipient)) {
            addresses.add(finalRecipient);
        }
        return List.copyOf(addresses);
    }
}
