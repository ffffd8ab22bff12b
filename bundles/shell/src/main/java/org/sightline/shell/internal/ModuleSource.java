package org.sightline.shell.internal;

import java.nio.file.Path;

/** What an operator types for a module: a URL ({@code mvn:}, {@code file:}, {@code https:}) or a path to a jar. */
final class ModuleSource {
    private ModuleSource() {
    }

    /** The URL, with a plain path (relative to the working directory) made a {@code file:} URL. */
    static String url(String arg) {
        if (arg.matches("[A-Za-z][A-Za-z0-9+.-]+:.*") && !arg.matches("[A-Za-z]:[\\\\/].*")) {
            return arg;
        }
        return Path.of(arg).toAbsolutePath().normalize().toUri().toString();
    }
}
