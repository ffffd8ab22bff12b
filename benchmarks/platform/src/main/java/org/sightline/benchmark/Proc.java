package org.sightline.benchmark;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Small helpers for running external commands (tar, ssh, wrk). */
final class Proc {

    private Proc() {
    }

    /** Runs a command to completion (stdin from /dev/null) and returns stdout+stderr; fails on a non-zero exit. */
    static String run(Path dir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        File out = File.createTempFile("bench-proc-", ".out");
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out)
                    .redirectInput(new File("/dev/null"))
                    .start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
            }
            String text = Files.readString(out.toPath(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException("exit " + p.exitValue() + " from " + command[0] + ": " + text.strip());
            }
            return text;
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
