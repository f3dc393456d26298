package clipcast.delivery.sms;

import java.util.Objects;

/** A rendered SMS: a registered sender id or owned number, the recipient in E.164, the full text (footer included). */
public record OutboundSms(String from, String to, String text) {

    public OutboundSms {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("An SMS needs text");
        }
    }
}
