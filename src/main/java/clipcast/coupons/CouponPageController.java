package clipcast.coupons;

import clipcast.tenancy.Tenancy;
import clipcast.tenancy.TenantScope;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.MultiFormatWriter;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The public coupon page of one code ({@code /c/{token}}): offer, terms, the code as text, a QR code and a
 * barcode for the till. Each viewer (a cookie) counts as one impression per 30 minutes.
 */
@Controller
class CouponPageController {

    static final String VIEWER_COOKIE = "cc_viewer";

    private final Coupons coupons;
    private final GuessGuard guard;
    private final DiscountLabels labels;
    private final MessageSource messages;
    private final Tenancy tenancy;

    CouponPageController(
            Coupons coupons, GuessGuard guard, DiscountLabels labels, MessageSource messages, Tenancy tenancy) {
        this.tenancy = tenancy;
        this.coupons = coupons;
        this.guard = guard;
        this.labels = labels;
        this.messages = messages;
    }

    @GetMapping("/c/{token}")
    String page(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        var parsed = CouponPageToken.parse(token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (tenancy.findTenant(parsed.tenant()).isEmpty()) {
            // No such account: nothing to guard, and nothing to record for an account that does not exist.
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return TenantScope.call(parsed.tenant(), () -> {
            var callers = List.of("addr:" + request.getRemoteAddr());
            if (guard.admit(parsed.tenant(), callers).isPresent()) {
                throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS);
            }
            var card = coupons.card(parsed.code());
            if (card.isEmpty()) {
                guard.failed(parsed.tenant(), callers);
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            coupons.recordImpression(parsed.code(), viewer(request, response));
            model.addAttribute("card", card.get());
            model.addAttribute("discount", labels.label(card.get().offer().discount()));
            model.addAttribute(
                    "state",
                    card.get()
                            .refusal()
                            .map(reason -> messages.getMessage(
                                    "coupon.state." + reason.name(), null, LocaleContextHolder.getLocale()))
                            .orElse(null));
            model.addAttribute("token", token);
            return "coupons/coupon";
        });
    }

    @GetMapping(value = "/c/{token}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qrCode(@PathVariable String token) {
        return image(token, BarcodeFormat.QR_CODE, 320, 320);
    }

    @GetMapping(value = "/c/{token}/barcode.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> barcode(@PathVariable String token) {
        return image(token, BarcodeFormat.CODE_128, 560, 140);
    }

    /** The image shows the code the token carries, which anyone holding the token sees on the page anyway. */
    private static ResponseEntity<byte[]> image(String token, BarcodeFormat format, int width, int height) {
        var parsed = CouponPageToken.parse(token).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            var matrix = new MultiFormatWriter()
                    .encode(parsed.code(), format, width, height, Map.of(EncodeHintType.MARGIN, 2));
            var png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", png);
            return ResponseEntity.ok()
                    .contentType(MediaType.IMAGE_PNG)
                    .cacheControl(
                            CacheControl.maxAge(java.time.Duration.ofDays(1)).cachePrivate())
                    .body(png.toByteArray());
        } catch (WriterException | IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The viewer's anonymous id: a random cookie, set on the first view. */
    private static String viewer(HttpServletRequest request, HttpServletResponse response) {
        var cookies = request.getCookies() == null ? new Cookie[0] : request.getCookies();
        var existing = Arrays.stream(cookies)
                .filter(cookie -> VIEWER_COOKIE.equals(cookie.getName())
                        && cookie.getValue().matches("[0-9a-f-]{36}"))
                .map(Cookie::getValue)
                .findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        var viewer = UUID.randomUUID().toString();
        var cookie = new Cookie(VIEWER_COOKIE, viewer);
        cookie.setPath("/c/");
        cookie.setHttpOnly(true);
        cookie.setMaxAge(60 * 60 * 24 * 365);
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        return viewer;
    }
}
