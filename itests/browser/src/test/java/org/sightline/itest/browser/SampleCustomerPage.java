package org.sightline.itest.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** How a user reaches the Sample Customer's dashboard: sign in on the page, search its account, click its name. */
final class SampleCustomerPage {
    static final String ACCOUNT = "SAMPLE-0001";

    private SampleCustomerPage() {
    }

    /** Signs in on the page at {@code base} and opens the Sample Customer from the customer list. */
    static void open(WebDriver browser, WebDriverWait wait, String base, String username, String password) {
        browser.get(base + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username"))).sendKeys(username);
        browser.findElement(By.name("password")).sendKeys(password, Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("sl-customer-list table.customers tbody tr")));
        browser.get(base + "/?q=" + ACCOUNT);
        By rows = By.cssSelector("table.customers tbody tr");
        wait.until(d -> d.findElements(rows).stream().anyMatch(r -> r.getText().contains(ACCOUNT)));
        browser.findElements(rows).stream().filter(r -> r.getText().contains(ACCOUNT)).findFirst().orElseThrow()
                .findElement(By.cssSelector("a.customer-link")).click();
    }
}
