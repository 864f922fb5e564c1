package dev.holdfast.lock.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.spi.LockStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The dashboard in a real headless Chromium, against the server on a random port over the memory store. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "holdfast.server.users.admin.password={noop}admin-pw",
            "holdfast.server.users.admin.roles=READ,LOCK,ADMIN",
            "holdfast.server.users.admin.namespaces=*",
            "holdfast.server.users.worker.password={noop}worker-pw",
            "holdfast.server.users.worker.roles=READ,LOCK",
            "holdfast.server.users.worker.namespaces=*",
            "holdfast.server.users.viewer.password={noop}viewer-pw",
            "holdfast.server.users.viewer.roles=READ"
        })
class DashboardBrowserTests {

    static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);

    @LocalServerPort
    int port;

    @Autowired
    LockStore store;

    @Autowired
    DashboardEvents events;

    @TempDir
    Path profile;

    WebDriver browser;

    ApiClient worker;

    String namespace;

    @BeforeAll
    static void chromium() {
        Browser.requireChromium();
    }

    @BeforeEach
    void open() {
        await().atMost(Duration.ofSeconds(10)).until(() -> events.connected() == 0);
        worker = new ApiClient(port, "worker", "worker-pw");
        namespace = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        browser = Browser.start(profile);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void shouldShowALockWithinASecondOfItsGrantThenDropItWhenReleasedAndChartTheGrant() throws Exception {
        Browser.signIn(browser, port, "viewer", "viewer-pw");
        String lock = namespace + "/report";

        Map<String, Object> grant = worker.acquire(lock, "w1", 30_000, 0).getBody();

        WebElement row = new WebDriverWait(browser, WITHIN_A_SECOND)
                .until(ExpectedConditions.presenceOfElementLocated(row(lock)));
        assertThat(row.findElements(By.tagName("td")))
                .extracting(WebElement::getText)
                .startsWith(lock, "worker/w1", String.valueOf(grant.get("token")));
        Browser.screenshot(browser, "viewer-lock-held");

        worker.release(lock, "w1", grant.get("token"));

        new WebDriverWait(browser, WITHIN_A_SECOND).until(ExpectedConditions.numberOfElementsToBe(row(lock), 0));
        WebElement grants = browser.findElement(By.id("chart-grants"));
        new WebDriverWait(browser, Duration.ofSeconds(3))
                .until((driver) -> Long.parseLong(grants.getDomAttribute("data-total")) >= 1);
        assertThat(grants.findElements(By.cssSelector("svg path.line"))).hasSize(1);

        browser.quit();
        browser = null;
        await().atMost(Duration.ofSeconds(5)).until(() -> events.connected() == 0);
    }

    @Test
    void shouldShowNoForceReleaseToANonAdministratorAndRefuseHerDirectCalls() throws Exception {
        String lock = namespace + "/held";
        Map<String, Object> grant = worker.acquire(lock, "w1", 30_000, 0).getBody();
        Browser.signIn(browser, port, "viewer", "viewer-pw");

        WebElement row = new WebDriverWait(browser, Duration.ofSeconds(2))
                .until(ExpectedConditions.presenceOfElementLocated(row(lock)));

        assertThat(row.findElements(By.cssSelector("button.force-release"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("button.force-release"))).isEmpty();
        assertThat(fetchFromPage("DELETE", "/api/v1/locks/" + lock, null)).isEqualTo(403L);
        assertThat(fetchFromPage(
                        "POST",
                        "/api/v1/locks/" + lock + "/release",
                        "{\"owner\":\"w1\",\"token\":" + grant.get("token") + "}"))
                .isEqualTo(403L);
        ApiClient viewer = new ApiClient(port, "viewer", "viewer-pw");
        assertThat(viewer.delete("/api/v1/locks/" + lock).getStatusCode().value())
                .isEqualTo(403);
        assertThat(store.inspect(key(lock)))
                .hasValueSatisfying(
                        (state) -> assertThat(state.token()).isEqualTo(((Number) grant.get("token")).longValue()));
    }

    @Test
    void shouldForceReleaseForAnAdministratorOnlyAfterConfirmation() throws Exception {
        String lock = namespace + "/stuck";
        Map<String, Object> grant = worker.acquire(lock, "w1", 60_000, 0).getBody();
        Browser.signIn(browser, port, "admin", "admin-pw");
        WebElement button = new WebDriverWait(browser, Duration.ofSeconds(2))
                .until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("#locks tr[data-lock='" + lock + "'] button.force-release")));

        button.click();
        WebElement dialog = new WebDriverWait(browser, WITHIN_A_SECOND)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        assertThat(dialog.getText()).contains(lock, "worker/w1", "token " + grant.get("token"));
        Browser.screenshot(browser, "admin-confirm-force-release");
        browser.findElement(By.id("confirm-cancel")).click();
        new WebDriverWait(browser, WITHIN_A_SECOND)
                .until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm")));
        assertThat(store.inspect(key(lock))).as("cancelled: still held").isPresent();

        browser.findElement(By.cssSelector("#locks tr[data-lock='" + lock + "'] button.force-release"))
                .click();
        new WebDriverWait(browser, WITHIN_A_SECOND)
                .until(ExpectedConditions.elementToBeClickable(By.id("confirm-release")))
                .click();

        new WebDriverWait(browser, Duration.ofSeconds(2)).until(ExpectedConditions.numberOfElementsToBe(row(lock), 0));
        await().atMost(WITHIN_A_SECOND).until(() -> store.inspect(key(lock)).isEmpty());
        assertThat(worker.renew(lock, "w1", grant.get("token")).getStatusCode().value())
                .as("the holder's next renewal finds the lock lost")
                .isEqualTo(409);
        Browser.screenshot(browser, "admin-after-force-release");
    }

    @Test
    void shouldRefuseAWrongPasswordAndServeThePageAtTheRoot() {
        browser.get("http://localhost:" + port + "/");
        browser.findElement(By.id("login-user")).sendKeys("viewer");
        browser.findElement(By.id("login-password")).sendKeys("not-the-password");
        browser.findElement(By.id("login-submit")).click();

        new WebDriverWait(browser, Duration.ofSeconds(3))
                .until(ExpectedConditions.textToBe(By.id("login-error"), "Wrong user or password."));
        assertThat(browser.findElement(By.id("board")).isDisplayed()).isFalse();
        assertThat(events.connected()).isZero();
    }

    private long fetchFromPage(String method, String path, String body) {
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(5));
        Object status = ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[1], {method: arguments[0], body: arguments[2], headers: {"
                                + " Authorization: sessionStorage.getItem('holdfast.dashboard.auth'),"
                                + " 'Content-Type': 'application/json'}})"
                                + ".then((r) => done(r.status), (e) => done(String(e)));",
                        method,
                        path,
                        body);
        return ((Number) status).longValue();
    }

    static By row(String lock) {
        return By.cssSelector("#locks tr[data-lock='" + lock + "']");
    }

    static LockKey key(String lock) {
        int slash = lock.indexOf('/');
        return LockKey.of(lock.substring(0, slash), lock.substring(slash + 1));
    }
}
