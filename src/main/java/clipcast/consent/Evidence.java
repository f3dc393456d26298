package clipcast.consent;

import java.time.Instant;

/**
 * What proves a consent: the exact text the person agreed to and its version, where (form URL), from which
 * address and browser, and when.
 */
public record Evidence(
        String text, String textVersion, String sourceUrl, String ip, String userAgent, Instant collectedAt) {}
