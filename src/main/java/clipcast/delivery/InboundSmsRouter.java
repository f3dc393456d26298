package clipcast.delivery;

import clipcast.consent.SmsKeywords;
import clipcast.delivery.sms.InboundSms;
import clipcast.delivery.sms.OutboundSms;
import clipcast.delivery.sms.SmppTransport;
import clipcast.tenancy.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the SMS centre hands us: replies go to the keyword handler (STOP, HELP, START…), whose answer is sent back
 * at once from the number written to; delivery receipts are recorded on the message they belong to.
 */
@Component
class InboundSmsRouter implements InboundSms {

    private static final Logger log = LoggerFactory.getLogger(InboundSmsRouter.class);

    private final SmsKeywords keywords;
    private final OutboxRepository outbox;
    private volatile SmppTransport replies;

    InboundSmsRouter(SmsKeywords keywords, OutboxRepository outbox) {
        this.keywords = keywords;
        this.outbox = outbox;
    }

    void replyThrough(SmppTransport transport) {
        this.replies = transport;
    }

    @Override
    public void onMessage(String from, String to, String text) {
        var answer = keywords.handleInbound(from, to, text);
        var transport = replies;
        if (answer.isPresent() && transport != null) {
            var outcome = transport.send(new OutboundSms(to, from, answer.get()));
            if (!(outcome instanceof clipcast.delivery.SendOutcome.Accepted)) {
                log.warn("The keyword answer to an inbound SMS was not accepted: {}", outcome);
            }
        }
    }

    @Override
    public void onReceipt(String messageId, String state) {
        TenantScope.callAsPlatform(() -> outbox.findByProviderRef(messageId)
                .or(() -> outbox.findByProviderRefPrefix(messageId))
                .map(item -> {
                    TenantScope.run(
                            item.tenant(),
                            () -> outbox.addEvent(
                                    item, "DELIVRD".equals(state) ? "DELIVERED" : "UNDELIVERABLE", state));
                    return item;
                }));
    }
}
