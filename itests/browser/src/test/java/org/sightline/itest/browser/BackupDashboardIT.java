package org.sightline.itest.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Sample Customer's backup dashboard in headless Chromium, with the Microsoft 365 backup product installed at
 * runtime as an operator would ({@code feature:install sightline-product-m365-backup}): every widget of the backup,
 * unusual-activity and storage sections draws, the suspicious-items panel lists the sample incident's OneDrives
 * with their names hidden and a Restore link, and its export downloads as an XLSX workbook, recorded in the audit
 * log with the report run. One server and one browser; methods run in name order and build on each other.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class BackupDashboardIT {
    private static final Path SHOTS = Path.of(System.getProperty("screenshots", "target/screenshots"));
    private static final String PRODUCT = "m365-backup";
    private static final String UNUSUAL = "m365-backup.unusual-activity";
    private static final String STORAGE = "m365-backup.sharepoint-storage";
    private static final List<String> BACKUP_SECTIONS = List.of("backup", "unusual-activity", "storage");
    private static Server server;
    private static ChromeDriver browser;

    @Rule
    public TestWatcher onFailure = new TestWatcher() {
        @Override
        protected void failed(Throwable e, Description d) {
            shot("backup-FAILED-" + d.getMethodName());
        }
    };

    @BeforeClass
    public static void startServerAndBrowser() throws Exception {
        BrowserTools tools = BrowserTools.require();
        Files.createDirectories(SHOTS);
        server = new Server(Path.of(System.getProperty("sightline.dist")),
                Path.of(System.getProperty("work", "target/server")).resolveSibling("server-backup"));
        server.start();
        String out = server.shell("sightline:user-add --operator --password ada-secret -d \"Ada Admin\" ada admin");
        awaitSignIn(out);
        out = server.shell("feature:install sightline-product-m365-backup");
        awaitProduct(out);
        awaitSampleIncident();
        ChromeOptions o = new ChromeOptions();
        o.setBinary(tools.chromium.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + Files.createTempDirectory("sightline-chromium-backup"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(tools.chromedriver.toFile())
                .usingAnyFreePort().build(), o);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
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

    @Test
    public void a_everyBackupWidgetOfTheSampleCustomerDraws() {
        SampleCustomerPage.open(browser, wait, server.base(), "ada", "ada-secret");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".customer-header h1"), "Sample Customer"));
        for (String section : BACKUP_SECTIONS) {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".section[data-section='" + section + "']")));
        }
        By backupWidgets = By.cssSelector(BACKUP_SECTIONS.stream()
                .map(s -> ".section[data-section='" + s + "'] article.widget").collect(Collectors.joining(", ")));
        wait.until(d -> d.findElements(backupWidgets).size() >= 3);
        // every widget of the three sections has drawn its view: no error card, no skeleton, a known view type
        wait.until(d -> d.findElements(backupWidgets).stream().allMatch(w -> {
            String type = w.getAttribute("data-view-type");
            return type != null && !List.of("unknown", "error").contains(type)
                    && w.findElements(By.cssSelector(".error-card, .skeleton")).isEmpty()
                    && (!type.equals("timeseries") || !w.findElements(By.cssSelector("sl-chart[data-drawn=true] canvas")).isEmpty());
        }));
        List<String> drawn = browser.findElements(backupWidgets).stream()
                .map(w -> w.getAttribute("data-widget") + ":" + w.getAttribute("data-view-type")).toList();
        assertTrue(drawn.toString(), drawn.contains(UNUSUAL + ":timeseries"));
        assertTrue(drawn.toString(), drawn.contains(STORAGE + ":timeseries"));
        assertTrue("the backup status widget is there too: " + drawn,
                drawn.stream().anyMatch(w -> w.startsWith("m365-backup.backup-status:")));
        for (String id : List.of(UNUSUAL, STORAGE)) {
            long painted = (Long) js("const c = document.querySelector(\"article[data-widget='" + id
                    + "'] sl-chart[data-drawn=true] canvas\"); const d = c.getContext('2d').getImageData(0, 0, c.width, "
                    + "c.height).data; let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;");
            assertTrue(id + " has drawn pixels: " + painted, painted > 1000);
        }
        String corner = widget(UNUSUAL).findElement(By.cssSelector(".card-footer")).getText();
        assertTrue(corner, corner.matches("(?s).*Suspicious: [2-9]\\d* of \\d+ protected.*"));
        String storage = widget(STORAGE).findElement(By.cssSelector(".card-footer")).getText();
        assertTrue(storage, storage.contains("Monthly storage budget"));
        shot("backup-01-dashboard");
        js("arguments[0].scrollIntoView()", widget(UNUSUAL));
        shot("backup-01b-unusual-activity");
        js("arguments[0].scrollIntoView()", widget(STORAGE));
        shot("backup-01c-sharepoint-storage");
    }

    @Test
    public void b_theSuspiciousCountOpensTheSuspiciousItems() {
        WebElement count = widget(UNUSUAL).findElements(By.cssSelector(".card-footer .footer-link")).stream()
                .filter(e -> e.getText().startsWith("Suspicious:")).findFirst().orElseThrow();
        count.click();
        By rows = By.cssSelector("dialog.drawer[open] table.data-table tbody tr");
        // rows with their text: right after they appear, a row's text was once still empty (the drawer drawing)
        wait.until(d -> {
            List<WebElement> r = d.findElements(rows);
            return r.size() > 1 && !r.get(0).getText().isBlank();
        });
        List<WebElement> items = browser.findElements(rows);
        String first = items.get(0).getText();
        assertTrue(first, first.contains("OneDrive") && first.contains("Mass encryption"));
        assertTrue("the owner's name is hidden: " + first, first.contains("[name hidden]"));
        assertTrue(items.get(1).getText(), items.get(1).getText().contains("Mass encryption"));
        WebElement restore = items.get(0).findElement(By.xpath(".//a[contains(., 'Restore in Cloud Backup')]"));
        assertTrue(restore.getAttribute("href"), restore.getAttribute("href").startsWith("https://"));
        String page = browser.getPageSource().toLowerCase(Locale.ROOT);
        for (String secret : List.of("megan", "bowen", "alex wilber", "contoso.com", "23456789")) {
            assertFalse("the page holds '" + secret + "'", page.contains(secret));
        }
        shot("backup-02-suspicious-items");
        // an object's own panel: its findings with the file type shown and the path hidden
        items.get(0).click();
        By files = By.cssSelector("dialog.drawer[open] [data-col=extension]");
        wait.until(d -> d.findElements(files).stream().anyMatch(e -> e.getText().equals(".locked")));
        shot("backup-03-object-files");
        js("document.querySelectorAll('dialog.drawer[open]').forEach(d => d.close());");
    }

    @Test
    public void c_theExportDownloadsTheSuspiciousItemsAsXlsx() throws Exception {
        WebElement export = widget(UNUSUAL).findElements(By.cssSelector(".card-footer a")).stream()
                .filter(e -> e.getText().contains("XLSX")).findFirst().orElseThrow();
        String href = export.getAttribute("href");
        assertTrue(href, href.contains("/api/v1/customers/") && href.contains("/export?format=xlsx&panel=suspicious"));
        // what the browser receives when the link is followed with the user's session
        @SuppressWarnings("unchecked")
        Map<String, Object> got = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then(async r => { const b = new Uint8Array(await r.arrayBuffer());"
                + " done({status: r.status, type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'),"
                + " size: b.length, zip: b[0] === 0x50 && b[1] === 0x4b}); }).catch(e => done({error: String(e)}));", href);
        assertEquals(got.toString(), 200L, got.get("status"));
        assertTrue(got.toString(), String.valueOf(got.get("type")).contains("spreadsheetml"));
        assertTrue(got.toString(), String.valueOf(got.get("disposition")).startsWith("attachment"));
        assertEquals(got.toString(), Boolean.TRUE, got.get("zip"));
        assertTrue(got.toString(), ((Long) got.get("size")) > 1000);
        // the report run and the export are in the audit log, which the Report activity widget lists
        String audit = api("/api/v1/audit");
        assertTrue(audit, audit.contains("Unusual activity: suspicious items"));
        // the set-up's look at the panel and the user's opening of it are two runs: a panel is never served cached
        assertTrue(audit, audit.split("Unusual activity: suspicious items", -1).length - 1 >= 2);
        assertTrue(audit, audit.contains("export.xlsx"));
    }

    @Test
    public void d_theStorageBudgetShowsEachMonthsCostInTheCustomersCurrency() {
        widget(STORAGE).findElements(By.cssSelector(".card-footer .footer-link")).stream()
                .filter(e -> e.getText().contains("budget")).findFirst().orElseThrow().click();
        By rows = By.cssSelector("dialog.drawer[open] table.data-table tbody tr");
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(rows, 2));
        List<String> costs = browser.findElements(By.cssSelector("dialog.drawer[open] td[data-col=cost]")).stream()
                .map(WebElement::getText).toList();
        assertTrue(costs.toString(), costs.stream().allMatch(c -> c.contains("€")));
        assertTrue("the tenant goes over its quota within the forecast: " + costs,
                costs.stream().anyMatch(c -> !c.matches("€0\\.00")));
        shot("backup-04-storage-budget");
        js("document.querySelectorAll('dialog.drawer[open]').forEach(d => d.close());");
    }

    @Test
    public void e_theBackendsFindingsArriveThroughTheIngestionEndpointOnceAndABadLineIsRejectedWithItsReason()
            throws Exception {
        String created = send("POST", "/api/v1/admin/tokens", "application/json", "Basic",
                "{\"name\":\"m365 analysis backend\",\"scope\":\"ingest\"}");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"token\":\"([^\"]+)\"").matcher(created);
        assertTrue(created, created.startsWith("201 ") && m.find());
        String token = m.group(1);
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String body = String.join("\n",
                "{\"id\":\"it-ua-1\",\"customer\":\"SAMPLE-0001\",\"kind\":\"unusual-activity\",\"day\":\"" + today
                        + "\",\"objectType\":\"sharepoint-site\",\"objectId\":\"site-it\",\"objectName\":\"Board papers\","
                        + "\"activity\":\"mass-deletion\",\"score\":99,\"files\":[\"/sites/Board/Minutes.docx\"]}",
                "{\"id\":\"it-scan-1\",\"customer\":\"SAMPLE-0001\",\"kind\":\"activity-scan\",\"day\":\"" + today
                        + "\",\"onedrives\":400,\"sites\":36}",
                "{\"id\":\"it-ua-2\",\"customer\":\"SAMPLE-0001\",\"kind\":\"unusual-activity\",\"day\":\"" + today
                        + "\",\"objectType\":\"onedrive\",\"objectId\":\"x\",\"objectName\":\"X\",\"activity\":\"exfiltration\","
                        + "\"score\":50}",
                "{\"id\":\"it-sp-1\",\"customer\":\"SAMPLE-0001\",\"kind\":\"sharepoint-storage\",\"day\":\"" + today
                        + "\",\"usedBytes\":2700000000000,\"quotaBytes\":2710000000000}") + "\n";
        String first = send("POST", "/api/v1/ingest/m365-backup", "application/x-ndjson", "Bearer " + token, body);
        assertTrue(first, first.startsWith("202 "));
        assertTrue(first, first.contains("\"stored\":3") && first.contains("\"duplicates\":0"));
        assertTrue(first, first.contains("\"line\":3") && first.contains("activity must be one of"));
        String again = send("POST", "/api/v1/ingest/m365-backup", "application/x-ndjson", "Bearer " + token, body);
        assertTrue(again, again.contains("\"stored\":0") && again.contains("\"duplicates\":3"));
        String id = customerId();
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String items = "";
        while (System.nanoTime() < until && !items.contains("Board papers")) {
            items = api("/api/v1/customers/" + id + "/widgets/" + UNUSUAL + "?panel=suspicious");
            Thread.sleep(250);
        }
        assertTrue(items, items.contains("Board papers") && items.contains("Mass deletion (score 99)"));
        assertFalse(items, items.contains("exfiltration"));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String customerId() throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\":(\\d+)")
                .matcher(api("/api/v1/customers?q=SAMPLE-0001"));
        assertTrue(m.find());
        return m.group(1);
    }

    private static String send(String method, String path, String type, String auth, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Authorization", auth.equals("Basic") ? basic() : auth).header("Content-Type", type)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    private final WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(30))
            .ignoring(org.openqa.selenium.StaleElementReferenceException.class);

    private static WebElement widget(String id) {
        return browser.findElement(By.cssSelector("article.widget[data-widget='" + id + "']"));
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
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

    private static String api(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Authorization", basic()).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    private static void awaitSignIn(String shellOutput) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            if (api("/api/v1/products").startsWith("200 ")) {
                return;
            }
            Thread.sleep(250);
        }
        fail("ada cannot sign in; the shell said: " + shellOutput);
    }

    private static void awaitProduct(String shellOutput) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < until) {
            if (api("/api/v1/products").contains("\"id\":\"" + PRODUCT + "\"")) {
                return;
            }
            Thread.sleep(250);
        }
        fail("product " + PRODUCT + " did not appear within 90 s; feature:install said: " + shellOutput);
    }

    /**
     * The sample data is written when the product's provider appears: find the Sample Customer, give it its
     * environment address as a partner would (the Restore links point there), and wait until the incident is there.
     */
    private static void awaitSampleIncident() throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String customers = "";
        String id = null;
        while (System.nanoTime() < until) {
            customers = api("/api/v1/customers?q=SAMPLE-0001");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\":(\\d+)").matcher(customers);
            if (id == null && m.find()) {
                id = m.group(1);
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.base() + "/api/v1/customers/" + id)).header("Authorization", basic())
                        .header("Content-Type", "application/json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(
                                "{\"environmentUrl\":\"https://sample-0001.tenants.example.com/\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertTrue(r.statusCode() + " " + r.body(), r.statusCode() / 100 == 2);
            }
            if (id != null) {
                String body = api("/api/v1/customers/" + id + "/widgets/" + UNUSUAL + "?panel=suspicious");
                if (body.startsWith("200 ") && body.contains("Mass encryption")) {
                    assertTrue(body, body.contains("Restore in Cloud Backup"));
                    return;
                }
            }
            Thread.sleep(500);
        }
        fail("the Sample Customer's unusual-activity sample did not appear within 90 s: " + customers);
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString("ada:ada-secret".getBytes(StandardCharsets.UTF_8));
    }
}
