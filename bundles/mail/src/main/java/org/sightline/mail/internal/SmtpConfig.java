package org.sightline.mail.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The SMTP server the outbox is sent through: PID {@code org.sightline.mail}, file {@code etc/org.sightline.mail.cfg}. */
@ObjectClassDefinition(name = "Sightline mail (SMTP)", description = "The SMTP server that Sightline's outbox sends through.")
public @interface SmtpConfig {
    @AttributeDefinition(description = "SMTP server host name or address.")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "SMTP server port (25, or 587 for submission).")
    int port() default 25;

    @AttributeDefinition(description = "STARTTLS: 'required' (refuse to send in clear; the server's certificate and "
            + "name are checked), 'optional' (upgrade when the server offers it), 'off'.")
    String starttls() default "optional";

    @AttributeDefinition(description = "User name for SMTP AUTH; empty: no authentication.", required = false)
    String username() default "";

    @AttributeDefinition(description = "Password for SMTP AUTH.", type = AttributeType.PASSWORD, required = false)
    String password() default "";

    @AttributeDefinition(description = "Sender address (the From header and the envelope sender).")
    String from() default "sightline@localhost";

    @AttributeDefinition(description = "Sender display name.", required = false)
    String from_name() default "Sightline";

    @AttributeDefinition(description = "Connect timeout (milliseconds).")
    int connect_timeout_ms() default 10_000;

    @AttributeDefinition(description = "Read timeout for each server reply (milliseconds).")
    int read_timeout_ms() default 30_000;

    @AttributeDefinition(description = "Write timeout (milliseconds).")
    int write_timeout_ms() default 30_000;
}
