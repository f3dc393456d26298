package clipcast.delivery.tracking;

import clipcast.tenancy.TenantId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The tracking links of one message, for whoever renders it: an open pixel ({@code /o/{token}}) for the HTML part
 * and a click link ({@code /r/{token}}) in place of each http(s) link. Tokens are signed with the platform's tracking
 * key, so a link cannot be made to lead elsewhere or count for another message. Needs no tenant scope.
 */
@Component
public class TrackingLinks {

    private final TrackingKey key;
    private final String publicUrl;

    TrackingLinks(TrackingKey key, @Value("${clipcast.public-url}") String publicUrl) {
        this.key = key;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    /** {@code {clipcast.public-url}/o/{token}}: the address of a 1×1 transparent GIF that records an open. */
    public String openPixelUrl(TenantId tenant, UUID messageId, UUID campaignId) {
        return publicUrl + "/o/"
                + TrackingToken.open(tenant.value(), messageId, campaignId).sign(key.get());
    }

    /**
     * {@code {clipcast.public-url}/r/{token}}: redirects to {@code targetUrl} and records a click.
     *
     * @throws IllegalArgumentException when {@link #trackable} says no: leave such a link as it is
     */
    public String clickUrl(TenantId tenant, UUID messageId, UUID campaignId, String targetUrl) {
        var target = ClickTarget.parse(targetUrl)
                .orElseThrow(() -> new IllegalArgumentException("Only absolute http(s) URLs can be tracked"));
        return publicUrl + "/r/"
                + TrackingToken.click(tenant.value(), messageId, campaignId, target)
                        .sign(key.get());
    }

    /**
     * Whether {@link #clickUrl} takes this target: an absolute http or https URL with a host, no user info, at most
     * 2,048 characters. Relative links, {@code javascript:}, {@code mailto:}, {@code tel:} and the like are not.
     */
    public static boolean trackable(String targetUrl) {
        return ClickTarget.parse(targetUrl).isPresent();
    }

    /** The token of a pixel or link when it is one of ours and unaltered. */
    Optional<TrackingToken> verify(String token) {
        return TrackingToken.verify(token, key.get());
    }
}
