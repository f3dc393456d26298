package clipcast.compliance.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Test data builders: an eligible recipient and an ordinary sending, changed one fact at a time. */
final class Builders {

    static final Instant NOON_IN_NEW_YORK = Instant.parse("2026-06-10T16:00:00Z");

    private Builders() {}

    static RecipientBuilder aRecipient() {
        return new RecipientBuilder();
    }

    static SendingBuilder aSending() {
        return new SendingBuilder();
    }

    static final class RecipientBuilder {
        String channel = "SMS";
        Recipient.ConsentState consent = Recipient.ConsentState.GRANTED;
        boolean suppressed;
        boolean onRegistry;
        boolean restricted;
        boolean objected;
        boolean addressValid = true;
        LocalDate birthDate;
        String country = "US";
        ZoneId zone = ZoneId.of("America/New_York");

        RecipientBuilder on(String channel) {
            this.channel = channel;
            return this;
        }

        RecipientBuilder withConsent(Recipient.ConsentState consent) {
            this.consent = consent;
            return this;
        }

        RecipientBuilder suppressed() {
            this.suppressed = true;
            return this;
        }

        RecipientBuilder onDoNotCallRegistry() {
            this.onRegistry = true;
            return this;
        }

        RecipientBuilder restricted() {
            this.restricted = true;
            return this;
        }

        RecipientBuilder objected() {
            this.objected = true;
            return this;
        }

        RecipientBuilder withoutValidAddress() {
            this.addressValid = false;
            return this;
        }

        RecipientBuilder bornOn(LocalDate birthDate) {
            this.birthDate = birthDate;
            return this;
        }

        RecipientBuilder in(String country, String zone) {
            this.country = country;
            this.zone = ZoneId.of(zone);
            return this;
        }

        Recipient build() {
            return new Recipient(
                    channel,
                    consent,
                    suppressed,
                    onRegistry,
                    restricted,
                    objected,
                    addressValid,
                    birthDate,
                    country,
                    zone);
        }
    }

    static final class SendingBuilder {
        Instant now = NOON_IN_NEW_YORK;
        boolean frozen;
        long credits = 100;
        ContentFingerprint fingerprint = ContentFingerprint.of("Free coffee with any pastry this Saturday", List.of());
        List<ContentFingerprint> recent = new ArrayList<>();
        int sentInWindow;
        int cap = 3;

        SendingBuilder at(Instant now) {
            this.now = now;
            return this;
        }

        SendingBuilder fromAFrozenAccount() {
            this.frozen = true;
            return this;
        }

        SendingBuilder withCredits(long credits) {
            this.credits = credits;
            return this;
        }

        SendingBuilder saying(String text) {
            this.fingerprint = ContentFingerprint.of(text, List.of());
            return this;
        }

        SendingBuilder afterRecently(String text) {
            this.recent.add(ContentFingerprint.of(text, List.of()));
            return this;
        }

        SendingBuilder afterMessagesInCapWindow(int sent, int cap) {
            this.sentInWindow = sent;
            this.cap = cap;
            return this;
        }

        Sending build() {
            return new Sending(now, frozen, credits, fingerprint, recent, sentInWindow, cap);
        }
    }
}
