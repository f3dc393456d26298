package clipcast.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP relay on loopback that answers the first {@code laterCount} recipients with {@code 450 4.2.0} (greylisting:
 * "try again later") and accepts the ones after, or refuses every one with {@code 550} when {@code laterCount} is
 * negative. It speaks enough SMTP for Jakarta Mail: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
 */
final class GreylistingRelay implements AutoCloseable {

    private final ServerSocket server;
    private final int laterCount;
    private final AtomicInteger recipientsSeen = new AtomicInteger();
    private final AtomicInteger delivered = new AtomicInteger();

    GreylistingRelay(int laterCount) {
        this.laterCount = laterCount;
        try {
            server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("greylisting-relay").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** RCPT commands answered so far, whatever the answer. */
    int recipientsSeen() {
        return recipientsSeen.get();
    }

    /** Messages whose DATA was accepted. */
    int delivered() {
        return delivered.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                var socket = server.accept();
                Thread.ofVirtual().start(() -> converse(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket socket) {
        try (socket;
                var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                var out = socket.getOutputStream()) {
            reply(out, "220 relay.test ESMTP");
            boolean recipientAccepted = false;
            String line;
            while ((line = in.readLine()) != null) {
                var command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 relay.test");
                } else if (command.startsWith("MAIL FROM")) {
                    recipientAccepted = false;
                    reply(out, "250 2.1.0 OK");
                } else if (command.startsWith("RCPT TO")) {
                    int seen = recipientsSeen.incrementAndGet();
                    if (laterCount < 0) {
                        reply(out, "550 5.7.1 Refused");
                    } else if (seen <= laterCount) {
                        reply(out, "450 4.2.0 Greylisted, try again later");
                    } else {
                        recipientAccepted = true;
                        reply(out, "250 2.1.5 OK");
                    }
                } else if (command.startsWith("DATA")) {
                    if (!recipientAccepted) {
                        reply(out, "554 5.5.1 No valid recipients");
                        continue;
                    }
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // the message
                    }
                    delivered.incrementAndGet();
                    reply(out, "250 2.0.0 Queued as " + delivered.get());
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 2.0.0 Bye");
                    return;
                } else {
                    reply(out, "250 2.0.0 OK");
                }
            }
        } catch (IOException gone) {
            // The client went away.
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closed
        }
    }
}
