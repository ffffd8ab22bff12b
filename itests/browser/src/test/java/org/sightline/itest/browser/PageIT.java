package org.sightline.itest.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;
import org.junit.runners.MethodSorters;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in headless Chromium against the assembled distribution: what a partner's staff see and do.
 * One server and one browser for the class; methods run in name order and build on each other.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class PageIT {
    private static final Path SHOTS = Path.of(System.getProperty("screenshots", "target/screenshots"));
    /** The sample data's view-only staff user. */
    private static final String VIEWER = "vera.viewer";
    private static Server server;
    private static BrowserTools tools;
    private static ChromeDriver browser;
    private static Path profile;
    private static final List<String> consoleProblems = new ArrayList<>();

    @Rule
    public TestWatcher onFailure = new TestWatcher() {
        @Override
        protected void failed(Throwable e, Description d) {
            shot("FAILED-" + d.getMethodName());
        }
    };

    @BeforeClass
    public static void startServerAndBrowser() throws Exception {
        tools = BrowserTools.require();
        Files.createDirectories(SHOTS);
        server = new Server(Path.of(System.getProperty("sightline.dist")), Path.of(System.getProperty("work", "target/server")));
        // a usage product dropped into deploy/ needs its family's bundles beside it (features pull them in)
        server.deploy(artifact("family.support.jar", "org.sightline.family.support"));
        server.deploy(artifact("family.usage.jar", "org.sightline.family.usage"));
        server.deploy(artifact("sms.jar", "org.sightline.product.sms"));
        server.start();
        // an admin of the sample partner, and the sample data's viewer with a known password
        String out = server.shell("sightline:user-add --operator --password ada-secret -d \"Ada Admin\" ada admin");
        awaitSignIn("ada", "ada-secret", out);
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!canSignIn(VIEWER, "vera-secret") && System.nanoTime() < until) {
            out = server.shell("sightline:user-password --password vera-secret " + VIEWER);
            Thread.sleep(500);
        }
        awaitSignIn(VIEWER, "vera-secret", out);
        awaitProduct("sms", true);
        server.shell("sightline:subscribe 1 sms active");
        browser = newBrowser(tools);
    }

    @AfterClass
    public static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    static ChromeDriver newBrowser(BrowserTools tools) throws IOException {
        profile = Files.createTempDirectory("sightline-chromium");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(tools.chromium.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,800", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(tools.chromedriver.toFile())
                .usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return d;
    }

    // ------------------------------------------------------------------------------------------------ scenarios

    @Test
    public void a_signInWithWrongPasswordThenRightOne() {
        open("/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        signIn("ada", "wrong-password");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".form-error")));
        assertTrue(error.getText(), error.getText().contains("do not match"));
        shot("01-sign-in-failed");
        signIn("ada", "ada-secret");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("sl-customer-list table.customers tbody tr")));
        assertEquals("Customers", text("h1"));
        assertTrue("the user's name is in the top bar", text(".user-menu .menu-button").contains("Ada Admin"));
        shot("02-customer-list");
    }

    @Test
    public void b_searchAsYouTypeByNameAndAccountId() {
        String name = rows().get(2).findElement(By.cssSelector("a.customer-link")).getText();
        String word = name.split(" ")[0].toLowerCase(java.util.Locale.ROOT);
        WebElement search = browser.findElement(By.name("q"));
        search.sendKeys(word);
        wait.until(d -> rows().size() > 0 && rows().stream().allMatch(r -> r.getText().toLowerCase(java.util.Locale.ROOT).contains(word)));
        assertTrue(rows().stream().anyMatch(r -> r.getText().contains(name)));
        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), "SAMPLE-0001");
        wait.until(d -> rows().size() == 1 && rows().get(0).getText().contains("Sample Customer"));
        assertTrue("product icons are shown", rows().get(0).findElements(By.cssSelector(".product-icons [role=img]")).size() >= 1);
        shot("03-search-by-account-id");
        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), "no-such-customer-xyz");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".state h3"), "No customers match"));
        shot("04-search-no-match");
        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        wait.until(d -> rows().size() >= 50);
        assertTrue("paging: a first page, and more to load", browser.findElements(By.cssSelector("[data-action=more]")).size() == 1
                || rows().size() > 50);
        String count = text(".list-count");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Showing (\\d+) of ([\\d,]+) customers").matcher(count);
        assertTrue(count, m.matches());
        assertTrue(count, Integer.parseInt(m.group(2).replaceAll("[^0-9]", "")) > 50);
    }

    @Test
    public void c_dashboardShowsSectionsAndDrawsAChart() {
        openCustomer("Sample Customer");
        assertTrue(text(".customer-meta").contains("SAMPLE-0001"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("sl-chart[data-drawn=true] canvas")));
        long painted = (Long) js("const c = document.querySelector('sl-chart[data-drawn=true] canvas');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + "for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;");
        assertTrue("the chart has drawn pixels: " + painted, painted > 1000);
        List<String> sections = browser.findElements(By.cssSelector(".section")).stream()
                .map(e -> e.getAttribute("data-section")).collect(Collectors.toList());
        assertTrue(sections.toString(), sections.contains("usage"));
        assertTrue("left navigation lists the customer's products",
                !browser.findElements(By.cssSelector(".customer-nav a[data-product=sms]")).isEmpty());
        shot("05-dashboard-with-chart");
    }

    @Test
    public void d_productPagePagesThroughItsLog() {
        browser.findElement(By.cssSelector(".customer-nav a[data-product=sms]")).click();
        wait.until(ExpectedConditions.urlContains("product=sms"));
        By log = By.cssSelector("sl-widget[data-span=full] [data-view-type=table] table.data-table tbody tr");
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(log, 10));
        String firstRowPage1 = browser.findElements(log).get(0).getText();
        assertTrue("masked numbers are shown as sent", !browser.findElements(By.cssSelector("td .masked")).isEmpty());
        shot("06-product-page-log");
        WebElement next = browser.findElement(By.cssSelector("[data-page=next]"));
        next.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".pager-status"), "Page 2"));
        wait.until(d -> !d.findElements(log).isEmpty() && !d.findElements(log).get(0).getText().equals(firstRowPage1));
        assertNotEquals(firstRowPage1, browser.findElements(log).get(0).getText());
        shot("07-product-page-log-page-2");
        browser.findElement(By.cssSelector("[data-page=previous]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".pager-status"), "Page 1"));
        wait.until(d -> d.findElements(log).get(0).getText().equals(firstRowPage1));
        // filter the log by status: every row shows that status
        WebElement status = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("select[data-filter=status]")));
        new org.openqa.selenium.support.ui.Select(status).selectByValue("failed");
        wait.until(d -> d.findElements(log).stream().allMatch(r -> r.getText().contains("Failed")));
        shot("08-product-page-log-filtered");
    }

    @Test
    public void e_pinACustomer() {
        open("/");
        wait.until(d -> rows().size() > 5);
        String name = rows().stream().filter(r -> r.getAttribute("class").isEmpty()).findFirst().orElseThrow()
                .findElement(By.cssSelector("a.customer-link")).getText();
        open("/?q=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8));
        wait.until(d -> rows().size() >= 1 && rows().stream().allMatch(r -> r.getText().contains(name)));
        WebElement pin = rowOf(name).findElement(By.cssSelector("[data-action=pin]"));
        assertEquals("false", pin.getAttribute("aria-pressed"));
        pin.click();
        wait.until(d -> "true".equals(rowOf(name).findElement(By.cssSelector("[data-action=pin]")).getAttribute("aria-pressed")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".pinned-list"), name));
        shot("09-pinned");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".pinned-list"), name));
        assertEquals("the pin is kept by the server", "true",
                rowOf(name).findElement(By.cssSelector("[data-action=pin]")).getAttribute("aria-pressed"));
    }

    @Test
    public void f_actionsMenuByKeyboard() {
        openCustomer("Sample Customer");
        WebElement button = browser.findElement(By.cssSelector(".customer-actions .menu-button"));
        button.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".customer-actions [role=menu]")));
        List<String> actions = menuActions();
        for (String a : List.of("view-info", "edit-info", "pin", "hide-expired", "add-services", "disconnect")) {
            assertTrue(a + " in " + actions, actions.contains(a));
        }
        assertEquals("focus moves into the menu", "menuitem", browser.switchTo().activeElement().getAttribute("role"));
        shot("10-actions-menu");
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".customer-actions [role=menu]")));
        assertTrue("Escape gives focus back to the button",
                browser.switchTo().activeElement().getAttribute("class").contains("menu-button"));
        // disconnect asks for a typed Yes; cancel it
        button.click();
        browser.findElement(By.cssSelector(".customer-actions [data-action=disconnect]")).click();
        WebElement confirm = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog.modal [data-action=confirm-disconnect]")));
        assertFalse("disabled until Yes is typed", confirm.isEnabled());
        browser.findElement(By.cssSelector("dialog.modal input[name=confirm]")).sendKeys("Yes");
        assertTrue(confirm.isEnabled());
        shot("11-disconnect-confirmation");
        browser.findElement(By.cssSelector("dialog.modal input[name=confirm]")).sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog.modal")));
    }

    @Test
    public void g_viewerSeesNoActionItMayNotTake() {
        signOut();
        signIn(VIEWER, "vera-secret");
        wait.until(d -> rows().size() >= 1);
        assertTrue("no pin buttons for a viewer", browser.findElements(By.cssSelector("[data-action=pin]")).isEmpty());
        assertTrue("no administration link", browser.findElements(By.cssSelector("a[href='/admin']")).isEmpty());
        shot("12-viewer-list");
        rows().get(0).findElement(By.cssSelector("a.customer-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".customer-header h1")));
        browser.findElement(By.cssSelector(".customer-actions .menu-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".customer-actions [role=menu]")));
        assertEquals(List.of("view-info"), menuActions());
        shot("13-viewer-actions");
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        signOut();
        signIn("ada", "ada-secret");
        wait.until(d -> rows().size() > 5);
    }

    @Test
    public void h_productInstalledAtRuntimeAppearsAndDisappears() throws Exception {
        String version = System.getProperty("sightline.version");
        openCustomer("Sample Customer");
        assertTrue(browser.findElements(By.cssSelector(".customer-nav a[data-product=itest-demo]")).isEmpty());
        String out = server.shell("feature:repo-add mvn:org.sightline/org.sightline.itest.widgets/" + version + "/xml/features");
        out += server.shell("feature:install sightline-product-itest-demo");
        awaitProduct("itest-demo", true);
        server.shell("sightline:subscribe 1 itest-demo active");
        refreshDashboard();
        wait.withMessage(out).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".customer-nav a[data-product=itest-demo]")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-widget='itest-demo.faulty'] .error-card")));
        shot("14-product-installed-at-runtime");

        // Its product page offers actions: run one, then one that asks for a typed confirmation.
        browser.findElement(By.cssSelector(".customer-nav a[data-product=itest-demo]")).click();
        // Its card is drawn by the product's own element, whose script the page imported from the product's bundle.
        By card = By.cssSelector("[data-widget='itest-demo.card'] itest-card li[data-cell=hotline]");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(card, "hotline: ••••0123"));
        assertTrue("the element's script came from the product's path", ((Number) browser.executeScript(
                "return performance.getEntriesByType('resource').filter(e => e.name.endsWith('/components/itest-demo/itest-card.js')).length"))
                .intValue() > 0);
        var script = server.get("/components/itest-demo/itest-card.js");
        assertEquals(200, script.statusCode());
        assertEquals("text/javascript; charset=utf-8", script.headers().firstValue("Content-Type").orElse(""));
        shot("14a-vendor-element");
        By actions = By.cssSelector("[data-widget='itest-demo.actions'] .action-list button");
        wait.until(d -> d.findElements(actions).stream().anyMatch(b -> b.getText().contains("Run check (0 so far)")));
        browser.findElements(actions).stream().filter(b -> b.getText().contains("Run check")).findFirst().orElseThrow().click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".toasts"), "Check 1 done."));
        wait.until(d -> d.findElements(actions).stream().anyMatch(b -> b.getText().contains("Run check (1 so far)")));
        browser.findElements(actions).stream().filter(b -> b.getText().equals("Reset")).findFirst().orElseThrow().click();
        WebElement typed = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog input[name=confirm]")));
        WebElement confirm = browser.findElement(By.cssSelector("dialog .modal-actions button[type=submit]"));
        assertTrue("the action waits for the typed word", !confirm.isEnabled());
        typed.sendKeys("Yes");
        wait.until(ExpectedConditions.elementToBeClickable(confirm)).click();
        wait.until(d -> d.findElements(actions).stream().anyMatch(b -> b.getText().contains("Run check (0 so far)")));
        shot("14b-widget-action-run");
        openCustomer("Sample Customer");

        server.shell("feature:uninstall sightline-product-itest-demo");
        awaitProduct("itest-demo", false);
        refreshDashboard();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".customer-nav a[data-product=itest-demo]")));
        assertTrue("the rest of the dashboard is still there",
                !browser.findElements(By.cssSelector("sl-widget[data-span]")).isEmpty());
        shot("15-product-removed-at-runtime");
        assertEquals("the element's script is gone with its product", 404, server.get("/components/itest-demo/itest-card.js").statusCode());
    }

    @Test
    public void i_adminPageShowsProductsWidgetsAndHealth() {
        browser.findElement(By.cssSelector("a[href='/admin']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-product=sms]")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-widget='sms.log']")));
        assertTrue(text("tr[data-widget='sms.log']").contains("org.sightline.product.sms"));
        shot("16-admin");
    }

    @Test
    public void j_narrowScreen() {
        openCustomer("Sample Customer");
        browser.manage().window().setSize(new Dimension(390, 844));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("sl-chart[data-drawn=true] canvas")));
        long overflow = (Long) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertTrue("no sideways scrolling of the page: " + overflow, overflow <= 0);
        shot("17-narrow-dashboard");
        browser.manage().window().setSize(new Dimension(1280, 800));
    }

    @Test
    public void k_sessionExpiryGoesBackToSignIn() {
        openCustomer("Sample Customer");
        browser.manage().deleteCookieNamed("SIGHTLINE_SESSION");
        browser.findElement(By.cssSelector(".toolbar button")).click();
        WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("sl-sign-in .notice")));
        assertTrue(notice.getText(), notice.getText().contains("session has ended"));
        shot("18-session-expired");
        signIn("ada", "ada-secret");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".customer-header h1"), "Sample Customer"));
    }

    @Test
    public void z_pageIsServedWithAStrictPolicyAndNoViolations() throws Exception {
        var r = server.get("/customers/1");
        assertEquals(200, r.statusCode());
        String policy = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy, policy.contains("script-src 'self' 'sha256-") && policy.contains("style-src 'self';")
                && !policy.contains("unsafe"));
        assertEquals(404, server.get("/assets/x/vendor/nothing/here.js").statusCode());
        collectConsole();
        List<String> csp = consoleProblems.stream().filter(m -> m.contains("Content Security Policy")).toList();
        assertTrue(String.join("\n", csp), csp.isEmpty());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private final WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(20))
            .ignoring(org.openqa.selenium.StaleElementReferenceException.class);

    private static void open(String path) {
        browser.get(server.base() + path);
    }

    private void signIn(String user, String password) {
        WebElement u = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        u.clear();
        u.sendKeys(user);
        WebElement p = browser.findElement(By.name("password"));
        p.clear();
        p.sendKeys(password, Keys.ENTER);
    }

    private void signOut() {
        collectConsole();
        browser.findElement(By.cssSelector(".user-menu .menu-button")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".user-menu [data-action=sign-out]"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
    }

    /** Opens the sample customer (account SAMPLE-0001) from the list, as a user would: search, then click its name. */
    private void openCustomer(String name) {
        open("/?q=SAMPLE-0001");
        wait.until(d -> rows().size() >= 1 && rows().stream().anyMatch(r -> r.getText().contains("SAMPLE-0001")));
        rows().stream().filter(r -> r.getText().contains("SAMPLE-0001")).findFirst().orElseThrow()
                .findElement(By.cssSelector("a.customer-link")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".customer-header h1"), name));
    }

    private void refreshDashboard() {
        browser.findElement(By.cssSelector(".toolbar button")).click();
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("table.customers tbody tr"));
    }

    private WebElement rowOf(String name) {
        return rows().stream().filter(r -> r.getText().contains(name)).findFirst().orElseThrow();
    }

    private List<String> menuActions() {
        return browser.findElements(By.cssSelector(".customer-actions [role=menuitem]")).stream()
                .map(e -> e.getAttribute("data-action")).collect(Collectors.toList());
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static void collectConsole() {
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            consoleProblems.add(e.getLevel() + " " + e.getMessage());
        }
    }

    private static void shot(String name) {
        if (browser == null) {
            return;
        }
        try {
            Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (Exception e) {
            // a screenshot is evidence, not a result
        }
    }

    private static Path artifact(String property, String artifactId) {
        Path p = Path.of(System.getProperty(property, "-"));
        if (Files.isRegularFile(p)) {
            return p;
        }
        String v = System.getProperty("sightline.version");
        Path repo = Path.of(System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository"));
        Path r = repo.resolve("org/sightline/" + artifactId + "/" + v + "/" + artifactId + "-" + v + ".jar");
        if (!Files.isRegularFile(r)) {
            fail("no " + artifactId + " jar at " + p + " or " + r);
        }
        return r;
    }

    private static boolean canSignIn(String user, String password) throws Exception {
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.base() + "/api/v1/session")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200;
    }

    private static void awaitSignIn(String user, String password, String shellOutput) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            if (canSignIn(user, password)) {
                return;
            }
            Thread.sleep(250);
        }
        fail(user + " cannot sign in; the shell said: " + shellOutput);
    }

    private static void awaitProduct(String id, boolean present) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString("ada:ada-secret".getBytes());
        while (System.nanoTime() < until) {
            var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.base() + "/api/v1/products")).header("Authorization", auth).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && r.body().contains("\"id\":\"" + id + "\"") == present) {
                return;
            }
            Thread.sleep(250);
        }
        fail("product " + id + (present ? " did not appear" : " did not go away") + " within 60 s");
    }
}
