package clipcast.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * The test JVM's one SMTP server (GreenMail, a real SMTP peer on a free port) and one SMS centre (a jSMPP server,
 * {@link clipcast.delivery.sms.TestSmsc}): the shared application context sends every campaign email and SMS there,
 * so tests read what arrived, headers and DKIM signature included.
 */
public final class TestSmtp implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static GreenMail server;

    public static synchronized GreenMail server() {
        if (server == null) {
            server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    /** Every message received so far for this address (GreenMail keeps one copy per recipient). */
    public static List<MimeMessage> receivedBy(String address) {
        return Arrays.stream(server().getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getAllRecipients())
                                .anyMatch(to -> to.toString().equalsIgnoreCase(address));
                    } catch (MessagingException e) {
                        return false;
                    }
                })
                .toList();
    }

    /** The decoded text of the newest message for this address, waiting a while for one to arrive. */
    public static String newestText(String address) {
        Eventually.within(
                Duration.ofSeconds(15),
                "an email to " + address,
                () -> !receivedBy(address).isEmpty());
        try {
            var content = receivedBy(address).getLast().getContent();
            if (content instanceof Multipart parts) {
                content = parts.getBodyPart(0).getContent();
            }
            return (String) content;
        } catch (MessagingException | IOException e) {
            throw new AssertionError("Unreadable email to " + address, e);
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(
                context,
                "clipcast.smtp.host=127.0.0.1",
                "clipcast.smtp.port=" + server().getSmtp().getPort(),
                "clipcast.smpp.host=127.0.0.1",
                "clipcast.smpp.port=" + clipcast.delivery.sms.TestSmsc.shared().port(),
                "clipcast.smpp.system-id=clipcast",
                "clipcast.smpp.password=secret");
    }
}
