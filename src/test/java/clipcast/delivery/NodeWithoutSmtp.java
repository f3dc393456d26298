package clipcast.delivery;

import clipcast.delivery.email.DkimKeys;
import clipcast.delivery.push.WebPush;
import clipcast.tenancy.Tenancy;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The delivery beans as a node with no transport configured makes them (the shared test context sends email over
 * SMTP): its confirmation emails go to the sandbox, through the same classes and the same database.
 */
@Component
class NodeWithoutSmtp {

    private final ConfirmationEmails confirmations;
    private final SandboxMessages sandbox;

    NodeWithoutSmtp(
            InboundSmsRouter inbound,
            WebPush push,
            DkimKeys dkim,
            PlatformDkimKey platformKey,
            SandboxMessages sandbox,
            Tenancy tenancy,
            MessageSource messages,
            JdbcClient jdbc,
            Clock clock,
            PendingConfirmations pending,
            @Value("${clipcast.public-url}") String publicUrl) {
        this.sandbox = sandbox;
        var transports = new Transports(
                "", 25, "", "", false, 1, "", "", 2775, "", "", 16, "", "", true, inbound, push, dkim, sandbox);
        this.confirmations = new ConfirmationEmails(
                transports,
                platformKey,
                sandbox,
                tenancy,
                messages,
                clock,
                pending,
                "",
                publicUrl,
                java.util.List.of());
    }

    ConfirmationEmails confirmations() {
        return confirmations;
    }

    SandboxMessages sandbox() {
        return sandbox;
    }
}
