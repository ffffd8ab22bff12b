package org.sightline.web.internal;

import java.time.Instant;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.UriInfo;

import org.sightline.core.InvalidParameterException;
import org.sightline.core.MailQueue;
import org.sightline.core.QueuedMail;
import org.sightline.web.internal.dto.Responses;

/**
 * The mail outbox for admins: messages with their status, attempts, next attempt and last error, and a retry of
 * a failed one. Partner admins see their partner's mail, server admins everyone's (see {@link MailQueue}).
 */
@Path("v1/admin/mail")
@Produces(MediaType.APPLICATION_JSON)
public final class MailResource {
    private final MailQueue queue;

    MailResource(MailQueue queue) {
        this.queue = queue;
    }

    /** The newest messages first: {@code status} (pending, sending, sent, failed), {@code limit} (1-1000, 100). */
    @GET
    public Responses.Items<Responses.QueuedMail> list(@Context ContainerRequestContext req, @Context UriInfo uri) {
        MultivaluedMap<String, String> p = uri.getQueryParameters();
        for (String k : p.keySet()) {
            if (!List.of("status", "limit").contains(k)) {
                throw new InvalidParameterException(k, "unknown parameter");
            }
        }
        return new Responses.Items<>(queue.list(Access.viewer(req), Params.blank(p.getFirst("status")),
                Params.limit(p.getFirst("limit"), 100, 1000)).stream().map(MailResource::dto).toList());
    }

    /** Sends a failed message again, its attempts counted afresh. */
    @POST
    @Path("{id}/retry")
    public Responses.QueuedMail retry(@Context ContainerRequestContext req, @PathParam("id") String id) {
        return dto(queue.retry(Access.viewer(req), Params.id("id", id)));
    }

    private static Responses.QueuedMail dto(QueuedMail m) {
        return new Responses.QueuedMail(m.id(), m.partnerId(), m.to(), m.kind(), m.reference(), m.status(), m.attempts(),
                text(m.createdAt()), text(m.nextAttemptAt()), text(m.sentAt()), m.lastError());
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
