package org.sightline.lifecycle.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Product installs and updates (PID {@code org.sightline.lifecycle}, file {@code etc/org.sightline.lifecycle.cfg}). */
@ObjectClassDefinition(name = "Sightline product updates", description = "How an updated product module is watched and when it is rolled back")
public @interface LifecycleConfig {
    /** The configuration PID. */
    String PID = "org.sightline.lifecycle";

    @AttributeDefinition(name = "Watch (seconds)", description = "How long an updated module's widgets are watched before the update is kept.")
    int watch_seconds() default 30;

    @AttributeDefinition(name = "Failure share", description = "A widget that fails more than this share of its renders (0 to 1) while watched rolls the update back, unless it failed as much before.")
    double failure_ratio() default 0.5;

    @AttributeDefinition(name = "Renders before a verdict", description = "A widget is judged on its failures only once it has rendered this often.")
    int min_renders() default 3;

    @AttributeDefinition(name = "Start time (seconds)", description = "How long a module (the new one, or the previous one after a rollback) may take to start and register its product.")
    int start_seconds() default 20;

    @AttributeDefinition(name = "Largest jar (bytes)")
    int max_jar_bytes() default 52_428_800;
}
