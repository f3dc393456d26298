package clipcast.delivery.push;

import clipcast.delivery.push.domain.Vapid;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of Web Push ({@code clipcast.push.*}).
 *
 * @param subject the contact push services may reach the operator at (VAPID {@code sub}, a {@code mailto:} or
 *     {@code https:} URI); blank means {@code clipcast.public-url}
 * @param allowInsecureEndpoints accept http endpoints and endpoints on local or private hosts (tests, development)
 * @param ttl how long a push service keeps a message for a browser that is offline, unless the sender says
 * @param tokenValidity how long a VAPID token is valid (at most 24 hours)
 * @param connectTimeout how long to wait for a connection to a push service
 * @param requestTimeout how long to wait for a push service's answer
 */
@ConfigurationProperties("clipcast.push")
public record PushProperties(
        @DefaultValue("") String subject,
        @DefaultValue("false") boolean allowInsecureEndpoints,
        @DefaultValue("24h") Duration ttl,
        @DefaultValue("12h") Duration tokenValidity,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration requestTimeout) {

    public PushProperties {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("clipcast.push.ttl cannot be negative");
        }
        if (tokenValidity.isNegative() || tokenValidity.isZero() || tokenValidity.compareTo(Vapid.MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("clipcast.push.token-validity is more than 0 and at most 24h");
        }
    }
}
