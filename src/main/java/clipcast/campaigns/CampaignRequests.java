package clipcast.campaigns;

import clipcast.campaigns.domain.Template;
import clipcast.consent.Channel;
import clipcast.coupons.Coupons;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Checks a campaign request field by field, naming every problem, before anything is stored. */
@Component
class CampaignRequests {

    static final int MAX_CONTACT_IDS = 10_000;
    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    private static final Pattern LABEL = Pattern.compile("[^\\p{Cntrl}]{1,100}");

    private final Senders senders;
    private final Coupons coupons;
    private final Clock clock;

    CampaignRequests(Senders senders, Coupons coupons, Clock clock) {
        this.senders = senders;
        this.coupons = coupons;
        this.clock = clock;
    }

    /** One problem of a request: the field and a code (the API turns it into a sentence from the bundle). */
    public record Issue(String field, String code, String excerpt) {}

    sealed interface Checked {
        record Valid(CampaignRepository.Fields fields) implements Checked {}

        record Invalid(List<Issue> issues) implements Checked {}
    }

    Checked check(CampaignRequest request) {
        var issues = new ArrayList<Issue>();
        if (request == null) {
            return new Checked.Invalid(List.of(new Issue("body", "REQUIRED", null)));
        }
        text(issues, "name", request.name(), 200, true);
        Channel channel = null;
        if (request.channel() == null) {
            issues.add(new Issue("channel", "REQUIRED", null));
        } else {
            try {
                channel = Channel.valueOf(request.channel().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                issues.add(new Issue("channel", "INVALID_CHANNEL", null));
            }
        }
        String purpose = null;
        if (request.purpose() == null || request.purpose().isBlank()) {
            issues.add(new Issue("purpose", "REQUIRED", null));
        } else {
            purpose = request.purpose().strip().toLowerCase(Locale.ROOT);
            if (!PURPOSE.matcher(purpose).matches()) {
                issues.add(new Issue("purpose", "INVALID_PURPOSE", null));
            }
        }
        if (request.sender() == null) {
            issues.add(new Issue("sender", "REQUIRED", null));
        } else {
            var sender = senders.find(request.sender());
            if (sender.isEmpty()) {
                issues.add(new Issue("sender", "UNKNOWN_SENDER", null));
            } else if (channel == Channel.EMAIL && !sender.get().kind().equals("EMAIL")
                    || channel == Channel.SMS && !sender.get().kind().equals("SMS")) {
                issues.add(new Issue("sender", "SENDER_WRONG_CHANNEL", null));
            }
        }
        var audience = request.audience();
        if (audience == null || audience.empty()) {
            issues.add(new Issue("audience", "AUDIENCE_REQUIRED", null));
        } else {
            if (audience.contactIds().size() > MAX_CONTACT_IDS) {
                issues.add(new Issue("audience.contactIds", "TOO_MANY", null));
            }
            if (audience.contactIds().stream().anyMatch(java.util.Objects::isNull)) {
                issues.add(new Issue("audience.contactIds", "INVALID_FORMAT", null));
            }
            for (var label : audience.labels()) {
                if (label == null || !LABEL.matcher(label).matches()) {
                    issues.add(new Issue(
                            audience.lists().contains(label) ? "audience.lists" : "audience.tags",
                            "INVALID_LABEL",
                            null));
                    break;
                }
            }
            if (audience.labels().size() > 100) {
                issues.add(new Issue("audience.lists", "TOO_MANY", null));
            }
            for (var entry : audience.attributes().entrySet()) {
                var value = entry.getValue();
                if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                    issues.add(new Issue("audience.attributes." + entry.getKey(), "ATTRIBUTE_NOT_SCALAR", null));
                }
            }
        }
        int maxBody = channel == Channel.SMS ? 1_600 : channel == Channel.PUSH ? 1_000 : 100_000;
        text(issues, "body", request.body(), maxBody, true);
        text(issues, "subject", request.subject(), 250, channel == Channel.EMAIL);
        if (request.offerId() != null && coupons.offer(request.offerId()).isEmpty()) {
            issues.add(new Issue("offerId", "UNKNOWN_OFFER", null));
        }
        boolean withOffer = request.offerId() != null;
        for (var problem : Template.of(request.body()).problems(withOffer)) {
            issues.add(new Issue("body", problem.code(), problem.excerpt()));
        }
        for (var problem : Template.of(request.subject()).problems(withOffer)) {
            issues.add(new Issue("subject", problem.code(), problem.excerpt()));
        }
        if (request.scheduledAt() != null
                && request.scheduledAt().isBefore(clock.instant().minus(Duration.ofMinutes(1)))) {
            issues.add(new Issue("scheduledAt", "IN_THE_PAST", null));
        }
        var staged = request.stagedRelease() == null
                ? "AUTO"
                : request.stagedRelease().strip().toUpperCase(Locale.ROOT);
        if (!staged.equals("AUTO") && !staged.equals("ALWAYS")) {
            issues.add(new Issue("stagedRelease", "INVALID_STAGED_RELEASE", null));
        }
        if (!issues.isEmpty()) {
            return new Checked.Invalid(issues);
        }
        return new Checked.Valid(new CampaignRepository.Fields(
                request.name().strip(),
                channel,
                purpose,
                request.sender(),
                audience,
                request.subject() == null ? null : request.subject().strip(),
                request.body(),
                request.offerId(),
                request.scheduledAt(),
                staged));
    }

    private static void text(List<Issue> issues, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                issues.add(new Issue(field, "REQUIRED", null));
            }
        } else if (value.length() > max) {
            issues.add(new Issue(field, "TOO_LONG", null));
        }
    }
}
