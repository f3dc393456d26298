package clipcast.compliance;

import clipcast.compliance.domain.CompliancePolicies;
import clipcast.compliance.domain.ContentFinding;
import clipcast.compliance.domain.ContentScreening;
import clipcast.compliance.domain.Decision;
import clipcast.compliance.domain.QuietHours;
import clipcast.compliance.domain.Recipient;
import clipcast.compliance.domain.Sending;
import clipcast.compliance.domain.SmsText;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;

/**
 * The compliance module's API: content screening, SMS encoding, and the per-recipient policies, all driven by the
 * rule tables under {@code compliance/} on the classpath.
 */
@Service
public class Compliance {

    private final ContentScreening screening;
    private final QuietHours quietHours;
    private final CompliancePolicies policies;

    Compliance(ComplianceProperties properties) {
        this.screening = ContentScreening.load(
                table("compliance/content-rules.tsv"),
                table("compliance/link-shorteners.txt"),
                new ContentScreening.PlatformContacts(
                        properties.emails(), properties.phoneNumbers(), properties.domains()));
        this.quietHours = QuietHours.load(table("compliance/quiet-hours.tsv"), table("compliance/public-holidays.tsv"));
        this.policies = new CompliancePolicies(quietHours);
    }

    public List<ContentFinding> screen(String text) {
        return screening.screen(text);
    }

    public SmsText smsText(String text) {
        return SmsText.of(text);
    }

    public Decision decide(Recipient recipient, Sending sending) {
        return policies.decide(recipient, sending);
    }

    public QuietHours quietHours() {
        return quietHours;
    }

    private static InputStreamReader table(String path) {
        try {
            return new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Missing compliance table " + path, e);
        }
    }
}
