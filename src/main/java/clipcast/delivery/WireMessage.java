package clipcast.delivery;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * A recorded email made readable: its headers in order (unfolded, encoded words decoded), each text part decoded
 * from its transfer encoding, and the exact source. Text only: nothing of it is ever rendered as HTML.
 */
record WireMessage(List<HeaderLine> headers, List<TextPart> parts, String source) {

    record HeaderLine(String name, String value) {}

    /** A leaf part: its content type and decoded text (or a note that it is not text). */
    record TextPart(String contentType, String text) {}

    private static final Session SESSION = Session.getInstance(new Properties());

    static WireMessage read(String source) {
        try {
            var message = new MimeMessage(SESSION, new ByteArrayInputStream(source.getBytes(StandardCharsets.UTF_8)));
            var headers = new ArrayList<HeaderLine>();
            for (Header header : Collections.list(message.getAllHeaders())) {
                headers.add(new HeaderLine(header.getName(), readable(header.getValue())));
            }
            var parts = new ArrayList<TextPart>();
            collect(message, parts);
            return new WireMessage(headers, parts, source);
        } catch (MessagingException | IOException unreadable) {
            // What was recorded is shown as it is: the source alone.
            return new WireMessage(List.of(), List.of(), source);
        }
    }

    private static void collect(Part part, List<TextPart> parts) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, parts);
            }
            return;
        }
        var type = part.getContentType().replaceAll("\\s+", " ");
        parts.add(new TextPart(
                type, part.getContent() instanceof String text ? text : "(" + part.getSize() + " bytes, not text)"));
    }

    private static String readable(String folded) {
        var unfolded = folded.replaceAll("\\r?\\n(?=[ \\t])", "");
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (UnsupportedEncodingException unknownCharset) {
            return unfolded;
        }
    }
}
