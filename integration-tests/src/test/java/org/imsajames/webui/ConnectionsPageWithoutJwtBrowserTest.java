package org.imsajames.webui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;

import org.imsajames.testkit.FreePorts;
import org.imsajames.testkit.JamesServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** WebAdmin without JWT (the generated default without webAdmin.jwtPublicKey): the page asks for no token. */
class ConnectionsPageWithoutJwtBrowserTest {

    @Test
    void asksForNoTokenAndShowsTheState(@TempDir Path work) throws Exception {
        int webAdminPort = FreePorts.next();
        Path home = Files.createDirectories(work.resolve("james"));
        ScreenSettings.generate(work, home, FreePorts.next(), webAdminPort, null);
        try (JamesServerProcess james = JamesServerProcess.start(home);
             HeadlessChromium browser = HeadlessChromium.start(work.resolve("chromium-profile"))) {
            WebDriver page = browser.driver();
            page.get("http://127.0.0.1:" + webAdminPort + "/imsa/ui");

            new WebDriverWait(page, Duration.ofSeconds(20))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("screen")));
            assertThat(page.findElement(By.id("token-panel")).isDisplayed()).isFalse();
            assertThat(page.findElement(By.id("session")).isDisplayed()).as("no token to forget").isFalse();
            assertThat(page.findElements(By.cssSelector("#entry-list li .entry")).stream().map(WebElement::getText)
                .collect(Collectors.toList())).containsExactly(ScreenSettings.FIRST_ENTRY + "/32");
            assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
        }
    }
}
