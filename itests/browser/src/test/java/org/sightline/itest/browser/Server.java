package org.sightline.itest.browser;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.sightline.itest.support.KarafServer;

/**
 * The assembled distribution for the browser tests: unpacked under target/, started on free loopback ports with
 * sample data on, and ready once {@code /api/v1/health} answers.
 */
final class Server extends KarafServer {
    static final String SHELL_USER = "itest-shell";
    static final String SHELL_PASSWORD = "itest-shell-secret";

    Server(Path tarball, Path work) throws IOException, InterruptedException {
        super(tarball, work, SHELL_USER, SHELL_PASSWORD);
    }

    /** Sets a key of a configuration file of the distribution, before {@link #start()}. */
    void configure(String file, String key, String value) throws IOException {
        cfg(file, key, value);
    }

    void start() throws Exception {
        start("/api/v1/health", Duration.ofSeconds(180));
    }
}
