package clipcast.delivery.sms;

/** What the SMS centre hands us: a reply from a recipient (keywords such as STOP), or a delivery receipt. */
public interface InboundSms {

    /** A message a recipient sent to one of our numbers. */
    void onMessage(String from, String to, String text);

    /** The final state the SMS centre reports for a message it accepted ({@code DELIVRD}, {@code UNDELIV}, …). */
    void onReceipt(String messageId, String state);
}
