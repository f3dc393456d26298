package clipcast.campaigns;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The dashboard's campaign form as typed, every field text: lists and tags are comma-separated, the schedule is a
 * date and time in UTC. It only reads the text into the API's {@link CampaignRequest}; whether the request is a good
 * campaign is for {@link CampaignRequests} to say, as for the API.
 */
record CampaignForm(
        String name,
        String channel,
        String purpose,
        String sender,
        String lists,
        String tags,
        String subject,
        String body,
        String offerId,
        String scheduledAt,
        String stagedRelease) {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    static CampaignForm blank() {
        return new CampaignForm("", "EMAIL", "marketing", "", "", "", "", "", "", "", "AUTO");
    }

    static CampaignForm of(Campaign campaign) {
        return new CampaignForm(
                campaign.name(),
                campaign.channel().name(),
                campaign.purpose(),
                campaign.senderId() == null ? "" : campaign.senderId().toString(),
                String.join(", ", campaign.audience().lists()),
                String.join(", ", campaign.audience().tags()),
                campaign.subject() == null ? "" : campaign.subject(),
                campaign.body(),
                campaign.offerId() == null ? "" : campaign.offerId().toString(),
                campaign.scheduledAt() == null
                        ? ""
                        : MINUTES.format(campaign.scheduledAt().atOffset(ZoneOffset.UTC)),
                campaign.stagedRelease());
    }

    /** The request read from the form, and what could not be read at all (such fields are left out of it). */
    record Read(CampaignRequest request, List<CampaignRequests.Issue> issues) {}

    /**
     * Reads the form; {@code kept} carries what the form does not show and an edit must not lose (contacts named
     * and attribute filters given through the API).
     */
    Read read(Audience kept) {
        var issues = new ArrayList<CampaignRequests.Issue>();
        var request = new CampaignRequest(
                text(issues, "name", name),
                text(issues, "channel", channel),
                text(issues, "purpose", purpose),
                id(issues, "sender", sender),
                new Audience(
                        labels(issues, "audience.lists", lists),
                        labels(issues, "audience.tags", tags),
                        kept == null ? List.of() : kept.contactIds(),
                        kept == null ? null : kept.attributes()),
                text(issues, "subject", subject),
                text(issues, "body", body),
                id(issues, "offerId", offerId),
                time(issues, "scheduledAt", scheduledAt),
                text(issues, "stagedRelease", stagedRelease));
        return new Read(request, issues);
    }

    /** The text, or null when empty or not storable (PostgreSQL keeps no NUL character). */
    private static String text(List<CampaignRequests.Issue> issues, String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.indexOf('\0') >= 0) {
            issues.add(new CampaignRequests.Issue(field, "UNSTORABLE_TEXT", null));
            return null;
        }
        return value;
    }

    private static UUID id(List<CampaignRequests.Issue> issues, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            issues.add(new CampaignRequests.Issue(field, "NOT_A_CHOICE", null));
            return null;
        }
    }

    private static java.time.Instant time(List<CampaignRequests.Issue> issues, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            issues.add(new CampaignRequests.Issue(field, "NOT_A_TIME", null));
            return null;
        }
    }

    private static List<String> labels(List<CampaignRequests.Issue> issues, String field, String value) {
        var text = text(issues, field, value);
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("[,\\n]"))
                .map(String::strip)
                .filter(label -> !label.isEmpty())
                .distinct()
                .toList();
    }
}
