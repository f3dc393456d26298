package clipcast.contacts;

import clipcast.consent.Channel;
import clipcast.consent.ConsentMethod;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The attestation fields of an import, as the API or the dashboard receive them, checked. */
final class ImportRequestCheck {

    static final int MAX_CONSENT_TEXT = 10_000;

    record Problem(String field, String code) {}

    record Checked(ImportAttestation attestation, List<Problem> problems) {}

    static Checked check(
            String channel,
            String purpose,
            String consentMethod,
            String consentText,
            String sourceDescription,
            String collectedAt,
            String notPurchased,
            String defaultCountry,
            Instant now) {
        var problems = new ArrayList<Problem>();
        Channel parsedChannel = null;
        if (blank(channel)) {
            problems.add(new Problem("channel", "REQUIRED"));
        } else {
            try {
                parsedChannel = Channel.valueOf(channel.strip().toUpperCase(Locale.ROOT));
                if (parsedChannel == Channel.PUSH) {
                    problems.add(new Problem("channel", "NOT_IMPORTABLE"));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new Problem("channel", "INVALID_CHANNEL"));
            }
        }
        String parsedPurpose = null;
        if (blank(purpose)) {
            problems.add(new Problem("purpose", "REQUIRED"));
        } else {
            parsedPurpose = purpose.strip().toLowerCase(Locale.ROOT);
            if (!parsedPurpose.matches("[a-z0-9][a-z0-9_.-]{0,63}")) {
                problems.add(new Problem("purpose", "INVALID_PURPOSE"));
            }
        }
        ConsentMethod method = null;
        if (blank(consentMethod)) {
            problems.add(new Problem("consentMethod", "REQUIRED"));
        } else {
            try {
                method = ConsentMethod.valueOf(consentMethod.strip().toUpperCase(Locale.ROOT));
                if (!method.acceptedFromCallers()) {
                    problems.add(new Problem("consentMethod", "METHOD_NOT_ACCEPTED"));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new Problem("consentMethod", "INVALID_METHOD"));
            }
        }
        if (blank(consentText)) {
            problems.add(new Problem("consentText", "REQUIRED"));
        } else if (consentText.length() > MAX_CONSENT_TEXT) {
            problems.add(new Problem("consentText", "TOO_LONG"));
        }
        if (blank(sourceDescription)) {
            problems.add(new Problem("sourceDescription", "REQUIRED"));
        } else if (sourceDescription.length() > 2000) {
            problems.add(new Problem("sourceDescription", "TOO_LONG"));
        }
        Instant collected = null;
        if (blank(collectedAt)) {
            problems.add(new Problem("collectedAt", "REQUIRED"));
        } else {
            collected = instant(collectedAt.strip());
            if (collected == null) {
                problems.add(new Problem("collectedAt", "INVALID_FORMAT"));
            } else if (collected.isAfter(now.plusSeconds(300))) {
                problems.add(new Problem("collectedAt", "IN_THE_FUTURE"));
            }
        }
        if (!"true".equalsIgnoreCase(notPurchased == null ? "" : notPurchased.strip())) {
            problems.add(new Problem("notPurchased", "MUST_BE_TRUE"));
        }
        String country = null;
        if (!blank(defaultCountry)) {
            country = defaultCountry.strip().toUpperCase(Locale.ROOT);
            if (!java.util.Set.of(Locale.getISOCountries()).contains(country)) {
                problems.add(new Problem("defaultCountry", "INVALID_COUNTRY"));
            }
        }
        if (!problems.isEmpty()) {
            return new Checked(null, problems);
        }
        return new Checked(
                new ImportAttestation(
                        parsedChannel,
                        parsedPurpose,
                        method,
                        consentText.strip(),
                        sourceDescription.strip(),
                        collected,
                        true,
                        country),
                List.of());
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException again) {
                try {
                    return java.time.OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException last) {
                    return null;
                }
            }
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
