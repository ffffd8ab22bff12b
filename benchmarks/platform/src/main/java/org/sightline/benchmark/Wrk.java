package org.sightline.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wrk} and reads requests per second, p50 latency and errors from its report. */
final class Wrk {

    record Result(double requestsPerSecond, double p50Ms, long non2xx, long socketErrors, String raw) {
    }

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P50 = Pattern.compile("(?m)^\\s*50%\\s+([0-9.]+)(us|ms|s|m)\\s*$");
    private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private Wrk() {
    }

    static Result run(String url, String authorization, int threads, int connections, int seconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--timeout", "5s", "--latency"));
        if (authorization != null) {
            cmd.add("-H");
            cmd.add("Authorization: " + authorization);
        }
        cmd.add(url);
        String out = Proc.run(Path.of("."), seconds + 60L, cmd.toArray(String[]::new));
        Matcher rps = RPS.matcher(out);
        Matcher p50 = P50.matcher(out);
        if (!rps.find() || !p50.find()) {
            throw new IOException("unexpected wrk output:\n" + out);
        }
        double value = Double.parseDouble(p50.group(1));
        double ms = switch (p50.group(2)) {
            case "us" -> value / 1000.0;
            case "s" -> value * 1000.0;
            case "m" -> value * 60_000.0;
            default -> value;
        };
        Matcher non2xx = NON2XX.matcher(out);
        Matcher socket = SOCKET.matcher(out);
        long errors = 0;
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(socket.group(i));
            }
        }
        return new Result(Double.parseDouble(rps.group(1)), ms, non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
                errors, out);
    }
}
