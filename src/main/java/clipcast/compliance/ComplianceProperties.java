package clipcast.compliance;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator's own contact details, which no tenant message may carry (so that complaints reach the sender,
 * not the platform, and nobody can pose as the platform).
 */
@ConfigurationProperties("clipcast.compliance.platform-contacts")
public record ComplianceProperties(
        @DefaultValue Set<String> emails,
        @DefaultValue Set<String> phoneNumbers,
        @DefaultValue Set<String> domains) {}
