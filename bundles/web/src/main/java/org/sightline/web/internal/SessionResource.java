package org.sightline.web.internal;

import java.util.List;
import java.util.Optional;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.sightline.core.StaffUser;
import org.sightline.core.WebSession;
import org.sightline.core.WebSessionStore;
import org.sightline.web.internal.auth.DirectoryUnavailableException;
import org.sightline.web.internal.dto.Requests;
import org.sightline.web.internal.dto.Responses;

/**
 * Browser sign-in: {@code POST /api/v1/session} with a username and password sets the
 * {@code SIGHTLINE_SESSION} cookie (HttpOnly, SameSite=Strict, Secure over https) and returns the user,
 * partner, roles, permissions and the session's CSRF token; {@code GET} returns the same for the current
 * session; {@code DELETE} signs out.
 */
@Path("v1/session")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {
    private final Authenticator auth;
    private final WebSessionStore sessions;

    SessionResource(Authenticator auth, WebSessionStore sessions) {
        this.auth = auth;
        this.sessions = sessions;
    }

    /**
     * Signs in. 401 on wrong credentials, 429 with Retry-After while throttled, 503 with Retry-After when the
     * sign-in directory (LDAP) could not be asked.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(@Context ContainerRequestContext req, Requests.SignIn body) {
        Requests.SignIn o = Params.body(body);
        String username = o.username();
        String password = o.password();
        String address = Gate.address(req);
        Optional<StaffUser> user;
        try {
            user = auth.signIn(username, password == null ? null : password.toCharArray(), address, "password");
        } catch (DirectoryUnavailableException e) {
            return Problems.response(Gate.unavailable(e, "/api/v1/session"));
        }
        if (user.isEmpty()) {
            return Problems.response(401, "Sign-in failed", "The username or password is not right.", "/api/v1/session").build();
        }
        WebSession s = sessions.create(user.get(), address);
        return Response.ok(body(s)).header(HttpHeaders.SET_COOKIE, cookie(s.secret(), Gate.secure(req), false)).build();
    }

    /** The current session. */
    @GET
    public Response current(@Context ContainerRequestContext req) {
        WebSession s = (WebSession) req.getProperty(Gate.SESSION);
        if (s == null) {
            return Problems.response(401, "Authentication required", "There is no browser session.", "/api/v1/session").build();
        }
        return Response.ok(body(s)).build();
    }

    /** Signs out: ends the session and clears the cookie. */
    @DELETE
    public Response signOut(@Context ContainerRequestContext req) {
        WebSession s = (WebSession) req.getProperty(Gate.SESSION);
        Cookie cookie = req.getCookies().get(Gate.COOKIE);
        if (s != null && cookie != null) {
            sessions.signOut(cookie.getValue());
        }
        return Response.noContent().header(HttpHeaders.SET_COOKIE, cookie("", Gate.secure(req), true)).build();
    }

    private static Responses.Session body(WebSession s) {
        StaffUser u = s.user();
        return new Responses.Session(u.username(), u.displayName(),
                new Responses.Partner(u.partnerId(), u.partnerName(), u.partnerViewOnly()), List.of(u.role()),
                u.permissions().stream().sorted().toList(), s.csrfToken(), s.expiresAt().toString());
    }

    static String cookie(String value, boolean secure, boolean expire) {
        return Gate.COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
                + (expire ? "; Max-Age=0" : "");
    }
}
