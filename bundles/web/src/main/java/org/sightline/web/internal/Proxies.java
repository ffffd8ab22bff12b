package org.sightline.web.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;

/**
 * The reverse proxies the operator trusts ({@code trusted.proxies} in {@code etc/org.sightline.web.cfg}):
 * addresses and CIDR ranges. Behind one of them, the client is the nearest address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy, and {@code X-Forwarded-Proto: https} counts
 * as https. From any other peer both headers are ignored: a client cannot choose its own address (sign-in
 * throttling and the audit log go by it) or make the server think it came over https.
 */
final class Proxies {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** A network: its address bytes and prefix length. */
    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] a) {
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (a[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> trusted;

    /**
     * @param config comma-separated addresses and CIDR ranges, such as {@code "127.0.0.1, 10.0.0.0/8, ::1"};
     *               blank for none
     * @throws IllegalArgumentException naming the entry that is not an IP address or range
     */
    Proxies(String config) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : config == null ? new String[0] : config.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int slash = e.indexOf('/');
            byte[] address = parse(slash < 0 ? e : e.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("trusted.proxies: '" + e + "' is not an IP address or CIDR range");
            }
            int prefix = address.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(e.substring(slash + 1));
                } catch (NumberFormatException x) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > address.length * 8) {
                    throw new IllegalArgumentException("trusted.proxies: '" + e + "' has no valid prefix length");
                }
            }
            ranges.add(new Range(address, prefix));
        }
        this.trusted = List.copyOf(ranges);
    }

    /** The client's address: the peer's, or behind trusted proxies the one they forwarded for. */
    String client(HttpServletRequest req) {
        String peer = req.getRemoteAddr();
        if (!trusted(parse(peer))) {
            return peer;
        }
        List<String> chain = new ArrayList<>();
        for (Enumeration<String> h = req.getHeaders("X-Forwarded-For"); h != null && h.hasMoreElements(); ) {
            for (String hop : h.nextElement().split(",")) {
                chain.add(hop.trim());
            }
        }
        String client = peer;
        for (int i = chain.size() - 1; i >= 0; i--) {
            byte[] hop = parse(chain.get(i));
            if (hop == null) {
                return client; // not an address: what a trusted proxy added ends here
            }
            client = chain.get(i);
            if (!trusted(hop)) {
                return client;
            }
        }
        return client;
    }

    /** Whether the request came over https: to this server, or to a trusted proxy that says so. */
    boolean secure(HttpServletRequest req) {
        if (req.isSecure()) {
            return true;
        }
        String proto = req.getHeader("X-Forwarded-Proto");
        return proto != null && "https".equalsIgnoreCase(proto.split(",")[0].trim()) && trusted(parse(req.getRemoteAddr()));
    }

    private boolean trusted(byte[] address) {
        if (address == null) {
            return false;
        }
        for (Range r : trusted) {
            if (r.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** An IP literal's bytes, or {@code null}; never a name lookup. */
    private static byte[] parse(String s) {
        if (s == null) {
            return null;
        }
        String a = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        if (IPV4.matcher(a).matches()) {
            // a dotted quad that is not a valid literal would be looked up as a name
            for (String octet : a.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return null;
                }
            }
        } else if (!IPV6.matcher(a).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(a).getAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }
}
