package clipcast.delivery.sms;

import java.time.Duration;

/**
 * The SMS centre to bind to ({@code CLIPCAST_SMPP_HOST}, {@code _PORT}, {@code _SYSTEM_ID}, {@code _PASSWORD}),
 * how many submits may wait for their response at once (the window), and how soon to rebind after a loss.
 */
public record SmppSettings(
        String host,
        int port,
        String systemId,
        String password,
        String systemType,
        int window,
        Duration responseTimeout,
        Duration reconnectDelay) {

    @Override
    public String toString() {
        return "SmppSettings[host=" + host + ", port=" + port + ", systemId=" + systemId + ", window=" + window + "]";
    }
}
