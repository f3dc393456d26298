package clipcast.delivery.tracking;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Base64;

/**
 * The open pixel ({@code GET /o/{token}}) and the click redirect ({@code GET /r/{token}}). Neither touches the
 * database: the token is checked against the signing key in memory and the event goes to the buffer. A HEAD request
 * (link checkers, prefetchers) is answered like a GET but not counted.
 *
 * <p>A plain servlet rather than a controller: these are the product's busiest addresses (≥ 10,000 a second on two
 * cores), and Spring MVC finds the handler of a path with a variable by testing every mapping of the application,
 * which cost more than all of this class's own work. Spring Security's filters apply here as everywhere.
 */
class TrackingServlet extends HttpServlet {

    /** A 1×1 transparent GIF (43 bytes). */
    static final byte[] PIXEL =
            Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    private final transient TrackingLinks links;
    private final transient TrackingEvents events;
    private final transient Clock clock;

    TrackingServlet(TrackingLinks links, TrackingEvents events, Clock clock) {
        this.links = links;
        this.events = events;
        this.clock = clock;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var token = token(request);
        if ("/o".equals(request.getServletPath())) {
            open(token, counts(request), response);
        } else {
            click(token, counts(request), response);
        }
    }

    /** Always the pixel, whatever the token: a broken image in a message helps nobody. Records only valid tokens. */
    private void open(String token, boolean counts, HttpServletResponse response) throws IOException {
        if (counts && token != null) {
            links.verify(token)
                    .filter(verified -> verified.kind() == TrackingToken.Kind.OPEN)
                    .ifPresent(verified -> events.record(TrackingEvent.of(verified, clock.instant())));
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("image/gif");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(PIXEL.length);
        response.getOutputStream().write(PIXEL);
    }

    /** To the signed target, or the plain "not found" page: never anywhere a token carries no signature for. */
    private void click(String token, boolean counts, HttpServletResponse response) throws IOException {
        var verified = token == null
                ? java.util.Optional.<TrackingToken>empty()
                : links.verify(token).filter(candidate -> candidate.kind() == TrackingToken.Kind.CLICK);
        if (verified.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (counts) {
            events.record(TrackingEvent.of(verified.get(), clock.instant()));
        }
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", verified.get().target().url());
        response.setHeader("Cache-Control", "no-store");
    }

    /** The one path segment after {@code /o/} or {@code /r/}; null for none or more than one. */
    private static String token(HttpServletRequest request) {
        var path = request.getPathInfo();
        if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            return null;
        }
        return path.substring(1);
    }

    private static boolean counts(HttpServletRequest request) {
        return "GET".equals(request.getMethod());
    }
}
