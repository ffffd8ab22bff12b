package org.sightline.core.internal.auth;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Sign-in, sessions and passwords (PID {@code org.sightline.auth}, file {@code etc/org.sightline.auth.cfg}). */
@ObjectClassDefinition(name = "Sightline sign-in", description = "Web sessions, sign-in throttling and password hashing")
public @interface AuthConfig {
    /** The configuration PID. */
    String PID = "org.sightline.auth";

    @AttributeDefinition(name = "Idle timeout (minutes)", description = "A session unused this long ends.")
    int session_idle_minutes() default 30;

    @AttributeDefinition(name = "Absolute timeout (hours)", description = "A session ends this long after sign-in, used or not.")
    int session_absolute_hours() default 12;

    @AttributeDefinition(name = "Failures before a user is locked", description = "Consecutive failed sign-ins of one user before it is locked for a while.")
    int signin_user_max_failures() default 5;

    @AttributeDefinition(name = "First lock (seconds)", description = "How long the first lock lasts; each further failure doubles it, up to 15 minutes.")
    int signin_user_lock_seconds() default 30;

    @AttributeDefinition(name = "Failures per address", description = "Failed sign-ins from one client address within the window before it is refused.")
    int signin_address_max_failures() default 20;

    @AttributeDefinition(name = "Address window (seconds)")
    int signin_address_window_seconds() default 600;

    @AttributeDefinition(name = "bcrypt cost", description = "Work factor of new password hashes (4 to 16; each step doubles the time).")
    int password_bcrypt_cost() default 10;
}
