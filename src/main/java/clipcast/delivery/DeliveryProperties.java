package clipcast.delivery;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox workers of this node run, and the rate limits every node shares.
 *
 * @param workers threads claiming and sending batches on this node
 * @param batchSize messages per claim
 * @param lease how long a claim holds before another node may take the messages back
 * @param pollInterval how long an idle worker waits before looking again
 * @param maxAttempts tries before a message that keeps being deferred by its peer is failed
 * @param backoffBase the wait after the first temporary failure; doubled per attempt up to {@code backoffMax}
 * @param perSecond messages per second per channel (EMAIL, SMS, PUSH), shared by all nodes
 * @param domainPerSecond email messages per second per recipient domain unless {@code domains} says otherwise
 * @param domains per recipient domain, messages per second
 * @param unsubscribeMailbox the mailbox part of the mailto unsubscribe address ({@code local@domain})
 */
@ConfigurationProperties("clipcast.delivery")
public record DeliveryProperties(
        @DefaultValue("8") int workers,
        @DefaultValue("50") int batchSize,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("30s") Duration backoffBase,
        @DefaultValue("1h") Duration backoffMax,
        @DefaultValue Map<String, Double> perSecond,
        @DefaultValue("500") double domainPerSecond,
        @DefaultValue Map<String, Double> domains,
        @DefaultValue("unsubscribe") String unsubscribeMailbox) {

    /** The channel limit, or the defaults: email 2,000/s, SMS 200/s, push 1,000/s. */
    double channelPerSecond(String channel) {
        var configured = perSecond.get(channel);
        if (configured != null) {
            return configured;
        }
        return switch (channel) {
            case "SMS" -> 200;
            case "PUSH" -> 1_000;
            default -> 2_000;
        };
    }

    double domainPerSecond(String domain) {
        return domains.getOrDefault(domain, domainPerSecond);
    }
}
