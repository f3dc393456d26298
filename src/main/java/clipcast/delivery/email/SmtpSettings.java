package clipcast.delivery.email;

import java.time.Duration;

/**
 * Where email goes: an SMTP relay ({@code CLIPCAST_SMTP_HOST}, {@code _PORT}, {@code _USERNAME},
 * {@code _PASSWORD}, {@code _STARTTLS}), with a pool of connections kept open between messages.
 */
public record SmtpSettings(
        String host, int port, String username, String password, boolean startTls, int connections, Duration timeout) {

    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", username=" + username + ", startTls=" + startTls
                + ", connections=" + connections + "]";
    }
}
