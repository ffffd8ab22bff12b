package org.sightline.itest.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The governance products on the sample dashboard in headless Chromium: both widgets show, the non-compliant
 * rules and the risk insights summary open as panels, and the detailed risk report downloads as a PDF.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class GovernancePageIT {
    private static final Path SHOTS = Path.of(System.getProperty("screenshots", "target/screenshots"));
    private static Server server;
    private static ChromeDriver browser;

    @BeforeClass
    public static void startServerAndBrowser() throws Exception {
        BrowserTools tools = BrowserTools.require();
        Files.createDirectories(SHOTS);
        server = new Server(Path.of(System.getProperty("sightline.dist")),
                Path.of(System.getProperty("work", "target/server") + "-governance"));
        server.start();
        String out = server.shell("feature:install sightline-product-policy sightline-product-risk");
        out += server.shell("sightline:user-add --operator --password ada-secret -d \"Ada Admin\" ada admin");
        awaitProducts(out);
        browser = PageIT.newBrowser(tools);
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

    private final WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(30))
            .ignoring(org.openqa.selenium.StaleElementReferenceException.class);

    @Test
    public void a_theSampleDashboardShowsBothWidgets() {
        SampleCustomerPage.open(browser, wait, server.base(), "ada", "ada-secret");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-widget='policy.status'] [data-kpi='non-compliant-rules']")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-widget='risk.trends'] sl-chart[data-drawn=true]")));
        assertEquals("3", browser.findElement(By.cssSelector("[data-widget='policy.status'] [data-kpi='non-compliant-rules'] .kpi-value"))
                .getText().trim());
        List<String> sections = browser.findElements(By.cssSelector(".section")).stream()
                .map(e -> e.getAttribute("data-section")).toList();
        assertTrue(sections.toString(), sections.contains("policy") && sections.contains("risk"));
        shot("governance-01-dashboard");
    }

    @Test
    public void b_theNonCompliantFigureOpensItsRules() {
        browser.findElement(By.cssSelector("[data-widget='policy.status'] [data-kpi='non-compliant-rules'] .kpi-link button")).click();
        By rows = By.cssSelector("dialog.drawer .panel-view[data-widget='policy.status'] table tbody tr");
        wait.until(d -> d.findElements(rows).size() >= 3);
        assertTrue(browser.findElement(By.cssSelector("dialog.drawer #drawer-title")).getText().contains("Non-compliant rules"));
        shot("governance-02-non-compliant-panel");
        browser.findElement(By.cssSelector("dialog.drawer .drawer-header button")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("dialog.drawer"), 0));
    }

    @Test
    public void c_theSummaryOpensWithARowPerWorkspaceKindAndTheTotal() {
        browser.findElements(By.cssSelector("[data-widget='risk.trends'] .card-footer button")).stream()
                .filter(b -> b.getText().contains("Show risk insights summary")).findFirst().orElseThrow().click();
        By rows = By.cssSelector("dialog.drawer .panel-view[data-widget='risk.trends'] table tbody tr");
        wait.until(d -> d.findElements(rows).size() == 5);
        List<String> kinds = browser.findElements(rows).stream().map(r -> r.findElement(By.cssSelector("td")).getText()).toList();
        assertEquals(List.of("SharePoint sites", "Teams", "Microsoft 365 Groups", "OneDrive"), kinds.subList(0, 4));
        assertTrue(kinds.get(4), kinds.get(4).startsWith("Total"));
        shot("governance-03-risk-summary");
        browser.findElement(By.cssSelector("dialog.drawer .drawer-header button")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("dialog.drawer"), 0));
    }

    @Test
    public void d_theDetailedReportDownloadsAsPdf() {
        WebElement run = wait.until(d -> d.findElements(By.cssSelector("[data-widget='risk.report'] .card-footer a")).stream()
                .filter(a -> a.getText().contains("Run detailed report")).findFirst().orElse(null));
        String href = run.getAttribute("href");
        assertTrue(href, href.contains("/widgets/risk.report/reports/detailed.pdf"));
        // what the link downloads, fetched with the page's own session, as a click would
        Object got = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'}).then(async r => {"
                + "  const b = new Uint8Array(await r.arrayBuffer());"
                + "  done(r.status + ' ' + r.headers.get('content-type') + ' ' + b.length + ' '"
                + "       + String.fromCharCode(...b.slice(0, 5)));"
                + "}).catch(e => done('failed ' + e));", href);
        String[] parts = String.valueOf(got).split(" ");
        assertEquals(String.valueOf(got), "200", parts[0]);
        assertTrue(String.valueOf(got), parts[1].startsWith("application/pdf"));
        assertTrue(String.valueOf(got), Integer.parseInt(parts[2]) > 1000);
        assertEquals("%PDF-", parts[3]);
        shot("governance-04-report-link");
    }

    private static void awaitProducts(String shellOutput) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString("ada:ada-secret".getBytes());
        while (System.nanoTime() < until) {
            try {
                var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.base() + "/api/v1/products")).header("Authorization", auth).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"id\":\"policy\"") && r.body().contains("\"id\":\"risk\"")) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not answering yet
            }
            Thread.sleep(250);
        }
        fail("policy and risk did not appear within 90 s; the shell said: " + shellOutput);
    }

    private static void shot(String name) {
        try {
            Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (Exception e) {
            // a screenshot is evidence, not a result
        }
    }
}
