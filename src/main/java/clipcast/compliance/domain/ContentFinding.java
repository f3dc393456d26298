package clipcast.compliance.domain;

/**
 * One thing content screening found.
 *
 * @param category what it is
 * @param severity whether it blocks the message or sends it to review
 * @param excerpt the words of the message that matched, as written
 * @param rule the rule that matched (a pattern of the rules file, or the shortener or contact found)
 */
public record ContentFinding(ContentCategory category, Severity severity, String excerpt, String rule) {}
