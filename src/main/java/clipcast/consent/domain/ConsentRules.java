package clipcast.consent.domain;

import clipcast.consent.ConsentInput;
import clipcast.consent.ConsentStatus;
import clipcast.consent.Issue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a consent needs before the ledger accepts it: a channel, a purpose, a status, a method a caller may
 * claim, and evidence. A grant needs the exact text the person agreed to; a web-form grant also its URL.
 */
public final class ConsentRules {

    public static final int MAX_TEXT = 10_000;
    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    private ConsentRules() {}

    /** Every issue of the input, each field named below {@code prefix} (e.g. {@code consents[0].}). */
    public static List<Issue> check(ConsentInput input, String prefix) {
        var issues = new ArrayList<Issue>();
        if (input == null) {
            issues.add(new Issue(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1), "REQUIRED"));
            return issues;
        }
        if (input.channel() == null) {
            issues.add(new Issue(prefix + "channel", "REQUIRED"));
        }
        if (input.purpose() == null || input.purpose().isBlank()) {
            issues.add(new Issue(prefix + "purpose", "REQUIRED"));
        } else if (!PURPOSE.matcher(normalisePurpose(input.purpose())).matches()) {
            issues.add(new Issue(prefix + "purpose", "INVALID_PURPOSE"));
        }
        if (input.status() == null) {
            issues.add(new Issue(prefix + "status", "REQUIRED"));
        }
        if (input.method() == null) {
            issues.add(new Issue(prefix + "method", "REQUIRED"));
        } else if (!input.method().acceptedFromCallers()) {
            issues.add(new Issue(prefix + "method", "METHOD_NOT_ACCEPTED"));
        }
        var evidence = input.evidence();
        if (evidence == null) {
            issues.add(new Issue(prefix + "evidence", "EVIDENCE_REQUIRED"));
            return issues;
        }
        boolean grant = input.status() == ConsentStatus.GRANTED;
        if (grant && (evidence.text() == null || evidence.text().isBlank())) {
            issues.add(new Issue(prefix + "evidence.text", "EVIDENCE_REQUIRED"));
        }
        tooLong(issues, prefix + "evidence.text", evidence.text(), MAX_TEXT);
        tooLong(issues, prefix + "evidence.textVersion", evidence.textVersion(), 100);
        tooLong(issues, prefix + "evidence.userAgent", evidence.userAgent(), 1000);
        if (evidence.sourceUrl() != null && !evidence.sourceUrl().isBlank()) {
            if (!evidence.sourceUrl().matches("(?i)https?://\\S{1,2000}")) {
                issues.add(new Issue(prefix + "evidence.sourceUrl", "INVALID_URL"));
            }
        } else if (grant
                && input.method() != null
                && switch (input.method()) {
                    case WEB_FORM, DOUBLE_OPT_IN -> true;
                    default -> false;
                }) {
            issues.add(new Issue(prefix + "evidence.sourceUrl", "EVIDENCE_REQUIRED"));
        }
        if (evidence.ip() != null
                && !evidence.ip().isBlank()
                && !validIp(evidence.ip().strip())) {
            issues.add(new Issue(prefix + "evidence.ip", "INVALID_IP"));
        }
        return issues;
    }

    public static String normalisePurpose(String purpose) {
        return purpose.strip().toLowerCase(java.util.Locale.ROOT);
    }

    static boolean validIp(String ip) {
        if (IPV4.matcher(ip).matches()) {
            return true;
        }
        if (!ip.contains(":") || !IPV6.matcher(ip).matches()) {
            return false;
        }
        int doubleColons = ip.split("::", -1).length - 1;
        return doubleColons <= 1 && ip.split(":", -1).length <= 9;
    }

    private static void tooLong(List<Issue> issues, String field, String value, int max) {
        if (value != null && value.length() > max) {
            issues.add(new Issue(field, "TOO_LONG"));
        }
    }
}
