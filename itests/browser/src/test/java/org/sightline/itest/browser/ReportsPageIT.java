package org.sightline.itest.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;

/**
 * Reports through the page, in headless Chromium, with a real SMTP server (GreenMail, in this JVM) behind the
 * distribution's mail outbox: the sample dashboard exports to PDF, and "Generate report" sends a template's report to
 * one of the customer's report recipients, who first receives an e-mail with only a verification link, confirms the
 * address with it (once), and then opens that one report through its signed link.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ReportsPageIT {
    private static final Path SHOTS = Path.of(System.getProperty("screenshots", "target/screenshots"));
    private static final String RECIPIENT = "it-reports@customer.example";
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("rita:rita-secret-1".getBytes());
    private static GreenMail smtp;
    private static Server server;
    private static ChromeDriver browser;
    private static long customerId;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeClass
    public static void startMailServerAndBrowser() throws Exception {
        BrowserTools tools = BrowserTools.require();
        Files.createDirectories(SHOTS);
        int smtpPort = Server.freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        server = new Server(Path.of(System.getProperty("sightline.dist")),
                Path.of(System.getProperty("work", "target/server") + "-reports"));
        server.configure("etc/org.sightline.mail.cfg", "port", Integer.toString(smtpPort));
        server.configure("etc/org.sightline.mail.cfg", "starttls", "off");
        server.configure("etc/org.sightline.mail.cfg", "from", "reports@partner.example");
        server.configure("etc/org.sightline.core.reports.cfg", "publicUrl", "http://127.0.0.1:" + server.httpPort);
        server.start();
        server.shell("sightline:user-add --password rita-secret-1 -d \"Rita Reports\" rita admin");
        browser = PageIT.newBrowser(tools);
    }

    @AfterClass
    public static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            try {
                if (server != null) {
                    server.close();
                }
            } finally {
                if (smtp != null) {
                    smtp.stop();
                }
            }
        }
    }

    private final WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(30))
            .ignoring(org.openqa.selenium.StaleElementReferenceException.class);

    @Test
    public void a_theSampleDashboardExportsToPdf() {
        SampleCustomerPage.open(browser, wait, server.base(), "rita", "rita-secret-1");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-widget='core.subscriptions']")));
        Matcher id = Pattern.compile("/customers/(\\d+)").matcher(browser.getCurrentUrl());
        assertTrue(browser.getCurrentUrl(), id.find());
        customerId = Long.parseLong(id.group(1));
        // keep what the page hands to the browser's download, as the user's browser would save it
        ((JavascriptExecutor) browser).executeScript("window.__downloads = [];"
                + "const make = URL.createObjectURL;"
                + "URL.createObjectURL = (b) => { window.__downloads.push(b); return make.call(URL, b); };");
        WebElement export = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[data-action='export-pdf']")));
        export.click();
        wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript("return window.__downloads.length")).intValue() > 0);
        Object got = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; const b = window.__downloads[0];"
                + "b.arrayBuffer().then(a => { const x = new Uint8Array(a);"
                + "  done(b.type + ' ' + x.length + ' ' + String.fromCharCode(...x.slice(0, 5))); });");
        String[] parts = String.valueOf(got).split(" ");
        assertTrue(String.valueOf(got), parts[0].startsWith("application/pdf"));
        assertTrue(String.valueOf(got), Integer.parseInt(parts[1]) > 1000);
        assertEquals("%PDF-", parts[2]);
        shot("reports-01-exported");
    }

    @Test
    public void b_generateReportSendsAVerificationMailToTheCustomersRecipient() throws Exception {
        // the customer's report setting on, with one recipient, and a template of the subscriptions section, as a
        // partner admin sets them up
        HttpResponse<String> edit = call("PATCH", "/api/v1/customers/" + customerId,
                "{\"reportSend\":true,\"reportRecipients\":[\"" + RECIPIENT + "\"]}");
        assertEquals(edit.body(), 200, edit.statusCode());
        HttpResponse<String> template = call("POST", "/api/v1/report-templates",
                "{\"name\":\"Monthly services\",\"sections\":[\"subscriptions\"],\"range\":\"last-30-days\"}");
        assertEquals(template.body(), 201, template.statusCode());
        browser.findElement(By.cssSelector("button[data-action='generate-report']")).click();
        WebElement address = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("input[name='address'][value='" + RECIPIENT + "']")));
        assertTrue(browser.findElement(By.cssSelector("select[name='template']")).getText().contains("Monthly services"));
        address.click();
        shot("reports-02-generate-dialog");
        browser.findElements(By.cssSelector("button[type='submit']")).stream()
                .filter(b -> b.getText().contains("Generate")).findFirst().orElseThrow().click();
        wait.until(d -> d.getPageSource().contains("first confirm their address by e-mail"));
        shot("reports-03-generated");

        MimeMessage mail = awaitMail(1)[0];
        assertEquals(RECIPIENT, mail.getAllRecipients()[0].toString());
        String body = GreenMailUtil.getBody(mail);
        assertTrue(body, body.contains("/verify/"));
        assertFalse("the e-mail carries no report link before the address is confirmed: " + body, body.contains("/r/"));
        assertFalse("nor anything of the customer's data: " + body, body.contains("SAMPLE-0001"));
    }

    @Test
    public void c_theVerificationLinkWorksOnceAndThenTheReportOpensThroughItsSignedLink() throws Exception {
        String verify = link(GreenMailUtil.getBody(awaitMail(1)[0]), "/verify/");
        browser.get(verify);
        wait.until(d -> d.getPageSource().contains("your address is confirmed"));
        shot("reports-04-verified");
        browser.get(verify);
        wait.until(d -> d.findElement(By.tagName("h1")).getText().contains("not valid")
                || d.findElement(By.tagName("h1")).getText().contains("expired"));

        MimeMessage[] all = awaitMail(2);
        String body = GreenMailUtil.getBody(all[1]);
        String report = link(body, "/r/");
        HttpResponse<byte[]> pdf = HTTP.send(HttpRequest.newBuilder(URI.create(report)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        assertEquals("%PDF-", new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII));
        // the signed link shows that one report and nothing else
        String tampered = report.substring(0, report.length() - 2) + (report.endsWith("A") ? "BB" : "AA");
        assertTrue(HTTP.send(HttpRequest.newBuilder(URI.create(tampered)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() >= 400);
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/customers")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    @Test
    public void d_aReportSentToTheSignedInStaffUserIsListedUnderReceivedReports() throws Exception {
        HttpResponse<String> template = call("POST", "/api/v1/report-templates",
                "{\"name\":\"Staff digest\",\"sections\":[\"subscriptions\"],\"range\":\"last-30-days\"}");
        assertEquals(template.body(), 201, template.statusCode());
        long templateId = Long.parseLong(json(template.body(), "id"));
        HttpResponse<String> recipients = call("GET", "/api/v1/customers/" + customerId + "/report-recipients", null);
        Matcher rita = Pattern.compile("\\{\"id\":(\\d+),\"displayName\":\"Rita Reports\"").matcher(recipients.body());
        assertTrue(recipients.body(), rita.find());
        HttpResponse<String> sent = call("POST", "/api/v1/customers/" + customerId + "/reports",
                "{\"templateId\":" + templateId + ",\"staffIds\":[" + rita.group(1) + "],\"addresses\":[]}");
        assertEquals(sent.body(), 201, sent.statusCode());

        browser.get(server.base() + "/");
        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.received a.received-card")));
        assertTrue(card.getText(), card.getText().contains("Staff digest"));
        assertTrue(card.getAttribute("href"), card.getAttribute("href").matches(".*/api/v1/reports/\\d+\\.pdf"));
        assertTrue(browser.findElement(By.id("received-title")).getText().trim().equalsIgnoreCase("Received reports"));
        shot("reports-05-received");
    }

    private static String json(String body, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(body);
        assertTrue(body, m.find());
        return m.group(1);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static MimeMessage[] awaitMail(int count) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (smtp.getReceivedMessages().length < count && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        MimeMessage[] got = smtp.getReceivedMessages();
        assertTrue("expected " + count + " e-mail(s), got " + got.length, got.length >= count);
        return got;
    }

    private static String link(String body, String path) {
        Matcher m = Pattern.compile("https?://\\S+" + Pattern.quote(path) + "\\S+").matcher(body.replace("=\r\n", "").replace("=\n", ""));
        assertTrue(body, m.find());
        return m.group();
    }

    private static HttpResponse<String> call(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path)).header("Authorization", AUTH)
                .timeout(Duration.ofSeconds(30));
        b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void shot(String name) {
        try {
            Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (Exception e) {
            // screenshots are for people; a failed one fails nothing
        }
    }
}
