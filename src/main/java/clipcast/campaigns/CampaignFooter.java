package clipcast.campaigns;

import clipcast.consent.Channel;
import clipcast.consent.ConsentEntry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The mandatory footer, added after the template is rendered so that no template can remove it: who sends (legal
 * name and postal address), why this recipient gets it — from their own consent record — and how to stop.
 */
@Component
class CampaignFooter {

    private final MessageSource messages;

    CampaignFooter(MessageSource messages) {
        this.messages = messages;
    }

    /** The footer in plain text for one recipient. */
    String text(Channel channel, SenderProfile profile, ConsentEntry consent, String unsubscribeUrl, Locale locale) {
        var why = why(profile, consent, locale);
        return switch (channel) {
            case EMAIL ->
                message("footer.email", locale, profile.legalName(), profile.postalAddress(), why, unsubscribeUrl);
            case SMS -> message("footer.sms", locale, profile.legalName(), date(consent, locale));
            case PUSH -> message("footer.push", locale, profile.legalName(), why);
        };
    }

    /** The email footer as HTML (every value escaped). */
    String html(SenderProfile profile, ConsentEntry consent, String unsubscribeUrl, Locale locale) {
        return message(
                "footer.email.html",
                locale,
                HtmlUtils.htmlEscape(profile.legalName()),
                HtmlUtils.htmlEscape(profile.postalAddress()),
                HtmlUtils.htmlEscape(why(profile, consent, locale)),
                HtmlUtils.htmlEscape(unsubscribeUrl));
    }

    private String why(SenderProfile profile, ConsentEntry consent, Locale locale) {
        if (consent == null) {
            return message("footer.why.unknown", locale, profile.legalName());
        }
        var date = date(consent, locale);
        var source = consent.evidence() == null || consent.evidence().sourceUrl() == null
                ? profile.legalName()
                : consent.evidence().sourceUrl();
        return switch (consent.method()) {
            case WEB_FORM, DOUBLE_OPT_IN -> message("footer.why.form", locale, source, date);
            case IMPORT -> message("footer.why.import", locale, profile.legalName(), date);
            case SMS_KEYWORD -> message("footer.why.keyword", locale, date);
            case PREFERENCE_PAGE, ONE_CLICK -> message("footer.why.preferences", locale, date);
            case API, POINT_OF_SALE -> message("footer.why.direct", locale, profile.legalName(), date);
        };
    }

    private static String date(ConsentEntry consent, Locale locale) {
        if (consent == null) {
            return "";
        }
        Instant when = consent.evidence() != null && consent.evidence().collectedAt() != null
                ? consent.evidence().collectedAt()
                : consent.recordedAt();
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(locale)
                .format(when.atZone(ZoneOffset.UTC));
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
