package clipcast.delivery.feedback.domain;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a raw RFC 5322 message with Jakarta Mail and says what report it is: a delivery status notification
 * ({@code multipart/report; report-type=delivery-status}, RFC 3464), an abuse report ({@code report-type=
 * feedback-report}, RFC 5965), something readable to ignore, or something unreadable. Only the report's own parts are
 * read: the machine-readable fields, and the headers of the original message that comes back with it.
 */
public final class ReportReader {

    /** More recipients than any report about one of our messages has (each message has one recipient). */
    static final int MAX_RECIPIENTS = 100;

    private static final Session SESSION = Session.getInstance(settings());
    private static final Set<String> DELIVERY_STATUS_TYPES =
            Set.of("message/delivery-status", "message/global-delivery-status");
    private static final Set<String> ORIGINAL_MESSAGE_TYPES =
            Set.of("message/rfc822", "message/global", "text/rfc822-headers", "message/global-headers");
    /** Fields that every message a mail system writes has at least one of. */
    private static final List<String> MESSAGE_FIELDS = List.of(
            "From", "Date", "Subject", "Message-ID", "Content-Type", "MIME-Version", "Received", "Return-Path", "To");
    /** Groups of fields are separated by a blank line (RFC 3464 section 2.1). */
    private static final Pattern BLANK_LINE = Pattern.compile("\\r?\\n[ \\t]*\\r?\\n");

    private ReportReader() {}

    private static Properties settings() {
        var settings = new Properties();
        // Reports about internationalised mail (RFC 6531-6533) carry UTF-8 in their header fields.
        settings.setProperty("mail.mime.allowutf8", "true");
        return settings;
    }

    public static InboundReport read(byte[] raw) {
        try {
            return readMessage(raw);
        } catch (MessagingException | IOException e) {
            return new InboundReport.Unreadable("MALFORMED_MIME");
        } catch (RuntimeException e) {
            // Input that no mail system wrote trips up MIME parsers in ways they do not declare; that is the input's
            // fault, and its sender is told so rather than given a server error.
            return new InboundReport.Unreadable("MALFORMED_MIME");
        }
    }

    private static InboundReport readMessage(byte[] raw) throws MessagingException, IOException {
        var message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        if (MESSAGE_FIELDS.stream().noneMatch(name -> hasField(message, name))) {
            return new InboundReport.Unreadable("NOT_A_MESSAGE");
        }
        var type = new ContentType(message.getContentType());
        var baseType = type.getBaseType().toLowerCase(Locale.ROOT);
        if (!baseType.equals("multipart/report")) {
            return new InboundReport.Ignored(isAutoReply(message) ? "AUTO_REPLY" : "NOT_A_REPORT", baseType);
        }
        var reportType = type.getParameter("report-type");
        reportType = reportType == null ? "" : reportType.strip().toLowerCase(Locale.ROOT);
        return switch (reportType) {
            case "delivery-status" -> deliveryStatus(ReportParts.of(message));
            case "feedback-report" -> feedback(ReportParts.of(message));
            default -> new InboundReport.Ignored("UNSUPPORTED_REPORT_TYPE", reportType.isEmpty() ? null : reportType);
        };
    }

    private static InboundReport deliveryStatus(ReportParts parts) throws MessagingException {
        if (parts.deliveryStatus() == null) {
            return new InboundReport.Ignored("NO_DELIVERY_STATUS", null);
        }
        String reportingMta = null;
        var recipients = new ArrayList<RecipientStatus>();
        for (var group : fieldGroups(parts.deliveryStatus())) {
            if (isRecipientGroup(group)) {
                recipients.add(recipient(group));
            } else if (reportingMta == null) {
                reportingMta = field(group, "Reporting-MTA");
            }
        }
        if (recipients.isEmpty()) {
            return new InboundReport.Ignored("NO_RECIPIENTS", null);
        }
        if (recipients.size() > MAX_RECIPIENTS) {
            return new InboundReport.Ignored("TOO_MANY_RECIPIENTS", String.valueOf(recipients.size()));
        }
        return new InboundReport.DeliveryStatus(
                field(parts.original(), "Message-ID"), reportingMta, List.copyOf(recipients));
    }

    private static InboundReport feedback(ReportParts parts) throws MessagingException {
        var groups = parts.feedbackReport() == null ? List.<InternetHeaders>of() : fieldGroups(parts.feedbackReport());
        if (groups.isEmpty()) {
            return new InboundReport.Ignored("NO_FEEDBACK_REPORT", null);
        }
        var fields = groups.getFirst();
        var feedbackType = field(fields, "Feedback-Type");
        var recipients = new LinkedHashSet<String>();
        for (var value : values(fields, "Original-Rcpt-To")) {
            ReportedAddress.normalise(value).ifPresent(recipients::add);
        }
        for (var value : values(parts.original(), "To")) {
            try {
                for (var address : InternetAddress.parseHeader(value, false)) {
                    ReportedAddress.normalise(address.getAddress()).ifPresent(recipients::add);
                }
            } catch (AddressException redactedOrBroken) {
                // feedback loops often redact the recipient; the Message-ID is what counts
            }
        }
        return new InboundReport.Feedback(
                feedbackType == null ? null : feedbackType.toLowerCase(Locale.ROOT),
                field(fields, "User-Agent"),
                field(parts.original(), "Message-ID"),
                List.copyOf(recipients));
    }

    private static boolean isRecipientGroup(InternetHeaders group) {
        return field(group, "Final-Recipient") != null
                || field(group, "Original-Recipient") != null
                || field(group, "Action") != null;
    }

    private static RecipientStatus recipient(InternetHeaders group) {
        var original = field(group, "Original-Recipient");
        var reported = field(group, "Final-Recipient");
        var action = field(group, "Action");
        var diagnostic = field(group, "Diagnostic-Code");
        var status = EnhancedStatus.parse(field(group, "Status"))
                .or(() -> EnhancedStatus.find(diagnostic))
                .orElse(null);
        var shown = reported != null ? reported : original;
        return new RecipientStatus(
                ReportedAddress.ofTypedField(original).orElse(null),
                ReportedAddress.ofTypedField(reported).orElse(null),
                shown == null
                        ? null
                        : shorten(shown.substring(shown.indexOf(';') + 1).strip(), 320),
                action == null ? "" : action.split("[\\s(]", 2)[0].toLowerCase(Locale.ROOT),
                status,
                diagnostic == null ? null : shorten(diagnostic, 500));
    }

    /** The groups of fields of a report part, each read like a message header (folded lines and all). */
    private static List<InternetHeaders> fieldGroups(String text) throws MessagingException {
        var groups = new ArrayList<InternetHeaders>();
        for (var block : BLANK_LINE.split(text)) {
            var group = block.strip();
            if (!group.isEmpty()) {
                var bytes = (group + "\r\n").getBytes(StandardCharsets.UTF_8);
                groups.add(new InternetHeaders(new ByteArrayInputStream(bytes), true));
            }
        }
        return groups;
    }

    /** A field's first value on one line, or null when absent or empty. */
    private static String field(InternetHeaders fields, String name) {
        var values = values(fields, name);
        return values.isEmpty() ? null : values.getFirst();
    }

    private static List<String> values(InternetHeaders fields, String name) {
        var found = fields == null ? null : fields.getHeader(name);
        if (found == null) {
            return List.of();
        }
        var values = new ArrayList<String>(found.length);
        for (var value : found) {
            var line = MimeUtility.unfold(value).replaceAll("\\s+", " ").strip();
            if (!line.isEmpty()) {
                values.add(line);
            }
        }
        return values;
    }

    private static boolean hasField(MimeMessage message, String name) {
        try {
            return message.getHeader(name) != null;
        } catch (MessagingException e) {
            return false;
        }
    }

    /** RFC 3834: out-of-office answers and other automatic replies say so. */
    private static boolean isAutoReply(MimeMessage message) throws MessagingException {
        var autoSubmitted = message.getHeader("Auto-Submitted", null);
        return autoSubmitted != null && !autoSubmitted.strip().equalsIgnoreCase("no");
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** The parts of a {@code multipart/report} that say what happened, and the original message's headers. */
    private record ReportParts(String deliveryStatus, String feedbackReport, InternetHeaders original) {

        static ReportParts of(MimeMessage message) throws MessagingException, IOException {
            var multipart = new MimeMultipart(new MimePartDataSource(message));
            String deliveryStatus = null;
            String feedbackReport = null;
            InternetHeaders original = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                var part = multipart.getBodyPart(i);
                var type = baseType(part);
                if (deliveryStatus == null && DELIVERY_STATUS_TYPES.contains(type)) {
                    deliveryStatus = text(part);
                } else if (feedbackReport == null && type.equals("message/feedback-report")) {
                    feedbackReport = text(part);
                } else if (original == null && ORIGINAL_MESSAGE_TYPES.contains(type)) {
                    try (var in = part.getInputStream()) {
                        original = new InternetHeaders(in, true);
                    }
                }
            }
            return new ReportParts(deliveryStatus, feedbackReport, original);
        }

        /** A part whose type does not even parse is no part we read. */
        private static String baseType(Part part) throws MessagingException {
            try {
                return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
            } catch (jakarta.mail.internet.ParseException e) {
                return "";
            }
        }

        private static String text(Part part) throws MessagingException, IOException {
            try (var in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
