package clipcast.campaigns;

import clipcast.campaigns.domain.CampaignStatus;
import clipcast.campaigns.domain.PlainTextHtml;
import clipcast.campaigns.domain.Template;
import clipcast.consent.Channel;
import clipcast.consent.Consents;
import clipcast.coupons.Coupons;
import clipcast.delivery.MessageRenderer;
import clipcast.delivery.OutboxItem;
import clipcast.delivery.RenderedMessage;
import clipcast.delivery.tracking.TrackingLinks;
import clipcast.tenancy.TenantScope;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders claimed outbox messages for the delivery workers: the campaign's template with the recipient's merge
 * values and coupon, then the mandatory footer built from the recipient's own consent record; in the HTML part the
 * links go through signed click redirects and an open pixel is added (the footer's unsubscribe link is never tracked). A message whose
 * campaign was cancelled or declined, or whose sender lost its verification, is withdrawn instead.
 */
@Component
class CampaignRenderer implements MessageRenderer {

    private final CampaignRepository campaigns;
    private final SenderRepository senders;
    private final CampaignFooter footer;
    private final Consents consents;
    private final Coupons coupons;
    private final JdbcClient jdbc;
    private final TrackingLinks tracking;
    private final String publicUrl;

    CampaignRenderer(
            CampaignRepository campaigns,
            SenderRepository senders,
            CampaignFooter footer,
            Consents consents,
            Coupons coupons,
            JdbcClient jdbc,
            TrackingLinks tracking,
            @Value("${clipcast.public-url}") String publicUrl) {
        this.campaigns = campaigns;
        this.senders = senders;
        this.footer = footer;
        this.consents = consents;
        this.coupons = coupons;
        this.jdbc = jdbc;
        this.tracking = tracking;
        this.publicUrl = publicUrl;
    }

    /** The merge values of a contact, read for a whole batch at once. */
    record ContactValues(
            String firstName, String lastName, String email, String phone, String country, String language) {}

    @Override
    public Map<UUID, RenderedMessage> render(List<OutboxItem> items) {
        var tenant = TenantScope.requireTenant();
        var rendered = new HashMap<UUID, RenderedMessage>();
        var profile = senders.profile(tenant).orElse(null);
        var contacts = contactValues(items.stream().map(OutboxItem::contactId).toList());
        var byCampaign = items.stream().collect(Collectors.groupingBy(OutboxItem::campaignId));
        byCampaign.forEach((campaignId, group) -> {
            var campaign = campaigns.find(tenant, campaignId).orElse(null);
            var withdrawn = withdrawal(campaign, profile);
            var sender = campaign == null
                    ? null
                    : senders.find(tenant, campaign.senderId()).orElse(null);
            if (withdrawn == null && (sender == null || !sender.verified())) {
                withdrawn = "SENDER_NOT_VERIFIED";
            }
            if (withdrawn != null) {
                for (var item : group) {
                    rendered.put(item.id(), new RenderedMessage.Withdrawn(withdrawn));
                }
                return;
            }
            var offer = campaign.offerId() == null
                    ? null
                    : coupons.offer(campaign.offerId()).orElse(null);
            var grants = consents.currentGrants(
                    campaign.channel(),
                    campaign.purpose(),
                    group.stream().map(OutboxItem::contactId).toList());
            var body = Template.of(campaign.body());
            var subject = Template.of(campaign.subject());
            for (var item : group) {
                var contact = contacts.get(item.contactId());
                if (contact == null) {
                    rendered.put(item.id(), new RenderedMessage.Withdrawn("CONTACT_GONE"));
                    continue;
                }
                var values = values(contact, item, offer);
                var locale = contact.language() == null ? Locale.ENGLISH : Locale.forLanguageTag(contact.language());
                var unsubscribe = publicUrl + "/u/" + consents.unsubscribeToken(item.contactId(), item.channel());
                var consent = grants.get(item.contactId());
                rendered.put(
                        item.id(),
                        switch (item.channel()) {
                            case EMAIL ->
                                new RenderedMessage.Email(
                                        sender.address(),
                                        sender.displayName() == null ? profile.legalName() : sender.displayName(),
                                        profile.contactEmail(),
                                        subject.render(values, UnaryOperator.identity()),
                                        body.render(values, UnaryOperator.identity())
                                                + "\n\n-- \n"
                                                + footer.text(Channel.EMAIL, profile, consent, unsubscribe, locale),
                                        html(
                                                        body.render(values, HtmlUtils::htmlEscape),
                                                        target -> tracking.clickUrl(
                                                                item.tenant(), item.id(), item.campaignId(), target))
                                                + openPixel(item)
                                                + footer.html(profile, consent, unsubscribe, locale),
                                        URI.create(unsubscribe),
                                        mailto(unsubscribe));
                            case SMS ->
                                new RenderedMessage.Sms(
                                        sender.address(),
                                        body.render(values, UnaryOperator.identity())
                                                + "\n"
                                                + footer.text(Channel.SMS, profile, consent, unsubscribe, locale));
                            case PUSH ->
                                new RenderedMessage.Push(
                                        subject.text().isBlank()
                                                ? profile.legalName()
                                                : subject.render(values, UnaryOperator.identity()),
                                        body.render(values, UnaryOperator.identity())
                                                + "\n"
                                                + footer.text(Channel.PUSH, profile, consent, unsubscribe, locale),
                                        values.getOrDefault("coupon.url", unsubscribe));
                        });
            }
        });
        return rendered;
    }

    private static String withdrawal(Campaign campaign, SenderProfile profile) {
        if (campaign == null) {
            return "CAMPAIGN_GONE";
        }
        if (campaign.status() == CampaignStatus.CANCELLED || campaign.status() == CampaignStatus.DECLINED) {
            return "CAMPAIGN_" + campaign.status().name();
        }
        if (profile == null) {
            return "SENDER_PROFILE_MISSING";
        }
        return null;
    }

    private Map<String, String> values(ContactValues contact, OutboxItem item, clipcast.coupons.Offer offer) {
        var values = new HashMap<String, String>();
        put(values, "contact.firstName", contact.firstName());
        put(values, "contact.lastName", contact.lastName());
        put(values, "contact.email", contact.email());
        put(values, "contact.phone", contact.phone());
        put(values, "contact.country", contact.country());
        if (item.couponCode() != null) {
            values.put("coupon.code", item.couponCode());
            values.put("coupon.url", publicUrl + "/c/" + coupons.pageToken(item.couponCode()));
        }
        if (offer != null) {
            put(values, "offer.name", offer.name());
            put(values, "offer.terms", offer.terms());
        }
        return values;
    }

    private static void put(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    private Map<UUID, ContactValues> contactValues(List<UUID> ids) {
        var values = new HashMap<UUID, ContactValues>();
        jdbc.sql("SELECT id, first_name, last_name, email, phone, country, language FROM contact"
                        + " WHERE tenant_id = ? AND id = ANY(?) AND erased_at IS NULL")
                .params(TenantScope.requireTenant().value(), ids.toArray(UUID[]::new))
                .query(rs -> {
                    values.put(
                            rs.getObject("id", UUID.class),
                            new ContactValues(
                                    rs.getString("first_name"),
                                    rs.getString("last_name"),
                                    rs.getString("email"),
                                    rs.getString("phone"),
                                    rs.getString("country"),
                                    rs.getString("language")));
                });
        return values;
    }

    /**
     * Paragraphs of the (already escaped) text, every http(s) link made clickable through {@code track} (the
     * signed click redirect), or left as it is when it cannot be tracked.
     */
    static String html(String escapedText, java.util.function.UnaryOperator<String> track) {
        var out = new StringBuilder(escapedText.length() * 2 + 64).append("<!DOCTYPE html><html><body>");
        for (var paragraph : PlainTextHtml.paragraphs(escapedText.strip())) {
            var linked = PlainTextHtml.links(paragraph, shown -> {
                var target = HtmlUtils.htmlUnescape(shown);
                var href = TrackingLinks.trackable(target) ? track.apply(target) : target;
                return "<a href=\"" + HtmlUtils.htmlEscape(href) + "\">" + shown + "</a>";
            });
            out.append("<p>").append(PlainTextHtml.lineBreaks(linked)).append("</p>");
        }
        return out.toString();
    }

    private String openPixel(OutboxItem item) {
        return "<img src=\""
                + HtmlUtils.htmlEscape(tracking.openPixelUrl(item.tenant(), item.id(), item.campaignId()))
                + "\" width=\"1\" height=\"1\" alt=\"\">";
    }

    private String mailto(String unsubscribeUrl) {
        var host = URI.create(publicUrl).getHost();
        var token = unsubscribeUrl.substring(unsubscribeUrl.lastIndexOf('/') + 1);
        return "unsubscribe@" + host + "?subject=unsubscribe%20" + token;
    }
}
