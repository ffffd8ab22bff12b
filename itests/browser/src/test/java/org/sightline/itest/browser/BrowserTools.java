package org.sightline.itest.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.Assume;

/**
 * The browser and driver the page tests drive: Debian's {@code chromium} and {@code chromium-driver}
 * (or the paths in {@code -Dchromium} / {@code -Dchromedriver}). When one is missing the tests fail at
 * once with a sentence that says what to install, before any server or driver starts; they are skipped
 * instead (with a loud line) only when the build says so with {@code -Dsightline.browser.skip=true}.
 */
final class BrowserTools {

    static final String SKIP = "sightline.browser.skip";

    final Path chromium;
    final Path chromedriver;

    private BrowserTools(Path chromium, Path chromedriver) {
        this.chromium = chromium;
        this.chromedriver = chromedriver;
    }

    /** The tools, or a failed (or, when allowed, skipped) test class naming what is missing. */
    static BrowserTools require() {
        Path chromium = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver"));
        String problem = missing(chromium, chromedriver);
        if (problem == null) {
            return new BrowserTools(chromium, chromedriver);
        }
        if (Boolean.getBoolean(SKIP)) {
            String line = "SKIPPING THE BROWSER TESTS (-D" + SKIP + "=true): " + problem;
            System.err.println("\n*** " + line + " ***\n");
            Assume.assumeTrue(line, false);
        }
        throw new AssertionError(problem + ". The README's test command `./test` installs them; or pass -D"
                + SKIP + "=true to skip the browser tests (they are then reported as skipped).");
    }

    static String missing(Path chromium, Path chromedriver) {
        List<String> packages = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        if (!Files.isExecutable(chromium)) {
            packages.add("chromium");
            paths.add(chromium.toString());
        }
        if (!Files.isExecutable(chromedriver)) {
            packages.add("chromium-driver");
            paths.add(chromedriver.toString());
        }
        if (packages.isEmpty()) {
            return null;
        }
        return "The browser tests need headless Chromium and ChromeDriver, and " + String.join(" and ", paths)
                + (paths.size() == 1 ? " is" : " are") + " missing: install Debian's " + String.join(" and ", packages)
                + " (sudo apt-get install " + String.join(" ", packages) + ")";
    }
}
