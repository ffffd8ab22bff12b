package org.sightline.core;

import java.util.Objects;

/**
 * A module's jar, not installed yet.
 *
 * @param origin where it came from (a URL, or {@code upload}), for messages and the audit log
 * @param bytes  the jar's content
 * @since 4.1
 */
public record ModuleJar(String origin, byte[] bytes) {
    public ModuleJar {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(bytes, "bytes");
    }
}
