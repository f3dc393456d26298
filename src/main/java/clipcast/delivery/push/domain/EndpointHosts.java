package clipcast.delivery.push.domain;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Push services live on the public internet. A subscription that points into the server's own network (loopback,
 * private ranges, link-local, single-label names) would let a caller make Clipcast send requests there.
 */
public final class EndpointHosts {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private EndpointHosts() {}

    /** Whether a host, as written in a URL, is a local name or a literal address that is not public. */
    public static boolean isPrivateByName(String host) {
        var name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost") || name.endsWith(".local")) {
            return true;
        }
        if (name.startsWith("[") || IPV4_LITERAL.matcher(name).matches()) {
            try {
                // a literal: parsed, never looked up
                return !isPublic(InetAddress.getByName(name.replace("[", "").replace("]", "")));
            } catch (UnknownHostException e) {
                return true;
            }
        }
        return !name.contains(".");
    }

    /** Whether an address is routable on the public internet. */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        var bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) != 0xfc; // fc00::/7, unique local
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        boolean sharedAddressSpace = first == 100 && second >= 64 && second < 128; // 100.64.0.0/10
        return first != 0 && !sharedAddressSpace;
    }
}
