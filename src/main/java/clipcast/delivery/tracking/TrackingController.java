package clipcast.delivery.tracking;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Base64;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * The open pixel and the click redirect. Neither touches the database: the token is checked against the signing key
 * in memory and the event goes to the buffer. A HEAD request (link checkers, prefetchers) is answered but not counted.
 */
@Controller
class TrackingController {

    /** A 1×1 transparent GIF (43 bytes). */
    static final byte[] PIXEL =
            Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    private static final MediaType GIF = MediaType.IMAGE_GIF;

    private final TrackingLinks links;
    private final TrackingEvents events;
    private final Clock clock;

    TrackingController(TrackingLinks links, TrackingEvents events, Clock clock) {
        this.links = links;
        this.events = events;
        this.clock = clock;
    }

    /** Always the pixel, whatever the token: a broken image in a message helps nobody. Records only valid tokens. */
    @GetMapping("/o/{token}")
    ResponseEntity<byte[]> open(@PathVariable String token, HttpServletRequest request) {
        if (counts(request)) {
            links.verify(token)
                    .filter(verified -> verified.kind() == TrackingToken.Kind.OPEN)
                    .ifPresent(verified -> events.record(TrackingEvent.of(verified, clock.instant())));
        }
        return ResponseEntity.ok()
                .contentType(GIF)
                .cacheControl(CacheControl.noStore())
                .body(PIXEL);
    }

    /** To the signed target, or a plain "not found" page: never anywhere a token does not carry a signature for. */
    @GetMapping("/r/{token}")
    Object click(@PathVariable String token, HttpServletRequest request) {
        var verified = links.verify(token).filter(candidate -> candidate.kind() == TrackingToken.Kind.CLICK);
        if (verified.isEmpty()) {
            var page = new ModelAndView("error", HttpStatus.NOT_FOUND);
            page.addObject("status", HttpStatus.NOT_FOUND.value());
            page.addObject("messageKey", "tracking.link.invalid");
            return page;
        }
        if (counts(request)) {
            events.record(TrackingEvent.of(verified.get(), clock.instant()));
        }
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, verified.get().target().url())
                .cacheControl(CacheControl.noStore())
                .build();
    }

    private static boolean counts(HttpServletRequest request) {
        return "GET".equals(request.getMethod());
    }
}
