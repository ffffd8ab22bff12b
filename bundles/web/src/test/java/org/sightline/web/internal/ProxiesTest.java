package org.sightline.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Collections;
import java.util.List;

import javax.servlet.http.HttpServletRequest;

import org.junit.Test;

/** Which address a request comes from, and whether over https, with and without trusted proxies. */
public class ProxiesTest {

    private static HttpServletRequest request(String peer, String proto, String... forwardedFor) {
        HttpServletRequest r = mock(HttpServletRequest.class);
        when(r.getRemoteAddr()).thenReturn(peer);
        when(r.getHeaders("X-Forwarded-For")).thenReturn(Collections.enumeration(List.of(forwardedFor)));
        when(r.getHeader("X-Forwarded-Proto")).thenReturn(proto);
        return r;
    }

    @Test
    public void withoutTrustedProxiesTheHeadersAreIgnored() {
        Proxies none = new Proxies("");
        HttpServletRequest r = request("203.0.113.9", "https", "198.51.100.1");
        assertEquals("203.0.113.9", none.client(r));
        assertFalse(none.secure(r));
    }

    @Test
    public void behindATrustedProxyTheClientIsTheNearestUntrustedHop() {
        Proxies p = new Proxies("127.0.0.1, 10.0.0.0/8");
        // the client claims an address of its own choosing; the proxies append what they saw
        HttpServletRequest r = request("10.1.2.3", "https", "1.2.3.4, 198.51.100.7", "10.9.9.9");
        assertEquals("198.51.100.7", p.client(r));
        assertTrue(p.secure(r));
        // a peer outside the trusted ranges cannot forward for anyone, nor claim https
        HttpServletRequest spoofed = request("198.51.100.8", "https", "10.0.0.1");
        assertEquals("198.51.100.8", p.client(spoofed));
        assertFalse(p.secure(spoofed));
        // nothing forwarded: the proxy itself
        assertEquals("127.0.0.1", p.client(request("127.0.0.1", null)));
        // a hop that is not an address ends what can be believed
        assertEquals("10.9.9.9", p.client(request("10.1.2.3", null, "evil.example, 10.9.9.9")));
        assertEquals("10.1.2.3", p.client(request("10.1.2.3", null, "999.1.1.1")));
    }

    @Test
    public void rangesWorkForIpv6AndOddPrefixes() {
        Proxies p = new Proxies("::1, 2001:db8::/32, 192.168.4.0/22");
        assertEquals("203.0.113.5", p.client(request("2001:db8:0:1::7", null, "203.0.113.5")));
        assertEquals("203.0.113.5", p.client(request("::1", null, "[2001:db8::2], 203.0.113.5, 192.168.7.255")));
        assertEquals("192.168.8.1", p.client(request("192.168.8.1", null, "203.0.113.5"))); // outside /22
    }

    @Test
    public void aBadEntryIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Proxies("10.0.0.0/8, proxy.lan"));
        assertTrue(e.getMessage(), e.getMessage().contains("'proxy.lan'"));
        assertThrows(IllegalArgumentException.class, () -> new Proxies("10.0.0.0/33"));
    }
}
