package clipcast.compliance.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Screens a message for prohibited content. The rules are data (a rules file of categories, severities and
 * patterns in English, French, Dutch and German, and a list of link shorteners); this class only applies them.
 * Every rule of every language is applied to every message: a French message with an English scam is still a scam.
 */
public final class ContentScreening {

    private static final Pattern HOST = Pattern.compile(
            "(?i)(?<![\\w@.-])(?:https?://)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,24})(?=[/:?#\\s)\\]>,;!\"']|$|\\.(?:\\s|$))");
    private static final Pattern DIGIT_RUN = Pattern.compile("\\+?\\d[\\d\\s().-]{5,}\\d");

    private final List<ContentRule> rules;
    private final Set<String> shorteners;
    private final PlatformContacts platformContacts;

    /** The operator's own addresses, numbers and domains, which no tenant's message may carry. */
    public record PlatformContacts(Set<String> emails, Set<String> phoneNumbers, Set<String> domains) {
        public static PlatformContacts none() {
            return new PlatformContacts(Set.of(), Set.of(), Set.of());
        }
    }

    ContentScreening(List<ContentRule> rules, Set<String> shorteners, PlatformContacts platformContacts) {
        this.rules = List.copyOf(rules);
        this.shorteners = Set.copyOf(shorteners);
        this.platformContacts = platformContacts;
    }

    /** Reads the rules file and the shortener list; a broken rule line fails loudly, naming its line. */
    public static ContentScreening load(Reader rulesFile, Reader shortenerList, PlatformContacts platformContacts) {
        var rules = new ArrayList<ContentRule>();
        int lineNumber = 0;
        for (var line : lines(rulesFile)) {
            lineNumber++;
            if (!line.isBlank() && !line.startsWith("#")) {
                rules.add(ContentRule.parse(line, lineNumber));
            }
        }
        var shorteners = lines(shortenerList).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return new ContentScreening(rules, shorteners, platformContacts);
    }

    public int ruleCount() {
        return rules.size();
    }

    /** Every finding in the text, at most one per category and excerpt. */
    public List<ContentFinding> screen(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        var findings = new LinkedHashMap<String, ContentFinding>();
        var normalised = TextNormaliser.normalise(text);
        for (var rule : rules) {
            var matcher = rule.pattern().matcher(normalised);
            while (matcher.find()) {
                var excerpt = text.substring(matcher.start(), matcher.end()).strip();
                findings.putIfAbsent(
                        rule.category() + "|" + excerpt.toLowerCase(Locale.ROOT),
                        new ContentFinding(rule.category(), rule.severity(), excerpt, rule.source()));
            }
        }
        screenLinks(text, findings);
        screenPlatformContacts(text, findings);
        return List.copyOf(findings.values());
    }

    private void screenLinks(String text, LinkedHashMap<String, ContentFinding> findings) {
        var matcher = HOST.matcher(text);
        while (matcher.find()) {
            var host = matcher.group(1).toLowerCase(Locale.ROOT);
            var shortener = shorteners.stream()
                    .filter(domain -> host.equals(domain) || host.endsWith("." + domain))
                    .findFirst();
            shortener.ifPresent(domain -> findings.putIfAbsent(
                    "LINK|" + matcher.group(),
                    new ContentFinding(ContentCategory.LINK_SHORTENER, Severity.BLOCK, matcher.group(), domain)));
            platformContacts.domains().stream()
                    .map(domain -> domain.toLowerCase(Locale.ROOT))
                    .filter(domain -> host.equals(domain) || host.endsWith("." + domain))
                    .findFirst()
                    .ifPresent(domain -> findings.putIfAbsent(
                            "PLATFORM|" + host,
                            new ContentFinding(
                                    ContentCategory.PLATFORM_CONTACT, Severity.BLOCK, matcher.group(), domain)));
        }
    }

    private void screenPlatformContacts(String text, LinkedHashMap<String, ContentFinding> findings) {
        var lower = text.toLowerCase(Locale.ROOT);
        for (var email : platformContacts.emails()) {
            int at = lower.indexOf(email.toLowerCase(Locale.ROOT));
            if (at >= 0) {
                findings.putIfAbsent(
                        "PLATFORM|" + email,
                        new ContentFinding(
                                ContentCategory.PLATFORM_CONTACT,
                                Severity.BLOCK,
                                text.substring(at, at + email.length()),
                                email));
            }
        }
        var wanted = platformContacts.phoneNumbers().stream()
                .map(ContentScreening::digits)
                .collect(Collectors.toSet());
        var runs = DIGIT_RUN.matcher(text);
        while (runs.find()) {
            var digits = digits(runs.group());
            for (var number : wanted) {
                if (digits.endsWith(number) || number.endsWith(digits) && digits.length() >= 7) {
                    findings.putIfAbsent(
                            "PLATFORM|" + number,
                            new ContentFinding(ContentCategory.PLATFORM_CONTACT, Severity.BLOCK, runs.group(), number));
                }
            }
        }
    }

    private static String digits(String text) {
        return text.replaceAll("\\D", "");
    }

    private static List<String> lines(Reader reader) {
        try (var buffered = new BufferedReader(reader)) {
            return buffered.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
