package clipcast.delivery.push;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a push notification shows: the JSON {@code {"title", "body", "url", "tag"}} that the tenant's service
 * worker receives, decrypted, in its {@code push} event ({@code url} and {@code tag} only when given).
 *
 * @param title the notification's title
 * @param body its text (may be empty)
 * @param url where a click on it leads, http(s); may be null
 * @param tag notifications with the same tag replace each other on the device; may be null
 */
public record PushMessage(String title, String body, URI url, String tag) {

    public PushMessage {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("A push message needs a title");
        }
        body = Objects.requireNonNullElse(body, "");
        if (url != null && !"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
            throw new IllegalArgumentException("A push message links to an http(s) URL, not " + url);
        }
        if (tag != null && tag.isBlank()) {
            tag = null;
        }
    }

    public PushMessage(String title, String body, URI url) {
        this(title, body, url, null);
    }

    /** The payload's fields, in order, without the absent ones. */
    Map<String, Object> payload() {
        var payload = new LinkedHashMap<String, Object>();
        payload.put("title", title);
        payload.put("body", body);
        if (url != null) {
            payload.put("url", url.toString());
        }
        if (tag != null) {
            payload.put("tag", tag);
        }
        return payload;
    }
}
