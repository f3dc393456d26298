package clipcast.contacts;

import clipcast.consent.Channel;
import clipcast.consent.Consents;
import clipcast.consent.SuppressionReason;
import clipcast.contacts.domain.EmailAddress;
import clipcast.contacts.domain.PhoneNumber;
import clipcast.web.ApiProblems;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Suppressions over the API. The address is normalised by the contact rules (so it matches however it was
 * written) and kept only as a keyed hash; complaints are platform-wide, everything else holds for the tenant.
 */
@RestController
class SuppressionController {

    private final Consents consents;
    private final ApiProblems problems;

    SuppressionController(Consents consents, ApiProblems problems) {
        this.consents = consents;
        this.problems = problems;
    }

    record SuppressionRequest(
            Channel channel, String email, String phone, String address, SuppressionReason reason, String country) {}

    @PostMapping("/api/v1/suppressions")
    ResponseEntity<?> suppress(@RequestBody SuppressionRequest request) {
        var reason = request.reason() == null ? SuppressionReason.MANUAL : request.reason();
        if (reason == SuppressionReason.ERASURE) {
            return invalid("reason", "USE_ERASURE");
        }
        var given = request.email() != null
                ? request.email()
                : request.phone() != null ? request.phone() : request.address();
        if (given == null || given.isBlank()) {
            return invalid("address", "REQUIRED");
        }
        var channel = request.channel() != null
                ? request.channel()
                : request.email() != null || given.contains("@") ? Channel.EMAIL : Channel.SMS;
        String normalised;
        String field = request.email() != null ? "email" : request.phone() != null ? "phone" : "address";
        if (channel == Channel.EMAIL) {
            normalised = EmailAddress.parse(given).map(EmailAddress::value).orElse(null);
        } else if (channel == Channel.SMS) {
            normalised = PhoneNumber.parse(given, request.country())
                    .map(PhoneNumber::e164)
                    .orElse(null);
        } else {
            normalised = given.strip();
        }
        if (normalised == null) {
            return invalid(field, "INVALID_ADDRESS");
        }
        var country =
                request.country() == null ? null : request.country().strip().toUpperCase(java.util.Locale.ROOT);
        consents.suppress(channel, normalised, reason, country);
        var body = new LinkedHashMap<String, Object>();
        body.put("channel", channel);
        body.put("reason", reason);
        body.put("scope", reason.platformWide() ? "PLATFORM" : "TENANT");
        body.put("country", country);
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    private ResponseEntity<?> invalid(String field, String code) {
        return problems.respond(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", List.of(problems.fieldIssue(field, code)));
    }
}
