package org.sightline.web.internal;

import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.Response;

import org.sightline.core.Logo;

/** How a stored logo (a customer's or the partner's) is answered: its checked type, never sniffed, never run. */
final class LogoResponses {
    private LogoResponses() {
    }

    static Response of(Logo logo) {
        CacheControl cc = new CacheControl();
        cc.setPrivate(true);
        cc.setMaxAge(3600);
        return Response.ok(logo.bytes(), logo.contentType()).header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox").header("Content-Disposition", "inline")
                .cacheControl(cc).build();
    }
}
