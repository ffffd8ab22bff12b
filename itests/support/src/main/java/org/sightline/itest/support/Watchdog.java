package org.sightline.itest.support;

import java.io.IOException;
import java.util.List;

/**
 * A time limit for this test JVM enforced from outside it: a small shell process that kills the JVM (and the
 * Karaf server or container it started) when the limit passes, after printing which test class ran out of time. Surefire's
 * own {@code forkedProcessTimeoutInSeconds} did not end a Pax Exam class whose driver sat in an RMI read for 22
 * minutes, so the limit no longer depends on the JVM or the plugin noticing anything.
 */
public final class Watchdog {
    private static boolean started;

    private Watchdog() {
    }

    /** Starts the watchdog for this JVM once; {@code seconds <= 0} starts none. */
    public static synchronized void start(String testClass, long seconds) {
        if (started || seconds <= 0) {
            return;
        }
        started = true;
        long pid = ProcessHandle.current().pid();
        String script = "pid=$1; limit=$2; name=$3; end=$((SECONDS + limit)); "
                + "while kill -0 \"$pid\" 2>/dev/null; do "
                + "if [ \"$SECONDS\" -ge \"$end\" ]; then "
                + "echo \"[watchdog] $name ran longer than its time limit of $limit s: killing its test JVM ($pid) and the "
                + "processes it started\" >&2; pkill -9 -P \"$pid\"; kill -9 \"$pid\"; exit 1; fi; sleep 2; done";
        try {
            new ProcessBuilder(List.of("bash", "-c", script, "watchdog", Long.toString(pid), Long.toString(seconds), testClass))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test's watchdog (bash)", e);
        }
    }

    /** Starts the watchdog for the test class (the {@code *IT} class on the stack) with the build's limit. */
    public static void startForCaller() {
        String name = StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .filter(n -> n.endsWith("IT")).findFirst().orElse("a test class"));
        start(name, limit());
    }

    /** The limit given by the build ({@code sightline.it.timeout}, seconds), 0 for none. */
    public static long limit() {
        return Long.getLong("sightline.it.timeout", 0);
    }
}
