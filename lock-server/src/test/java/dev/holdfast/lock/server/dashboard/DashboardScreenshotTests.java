package dev.holdfast.lock.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.SemaphoreKind;
import dev.holdfast.lock.server.ServerActivity;
import dev.holdfast.lock.spi.AcquireMode;
import dev.holdfast.lock.spi.PermitCommand;
import dev.holdfast.lock.spi.PermitOutcome;
import dev.holdfast.lock.spi.SemaphoreStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/**
 * Hand-offs are not counted on: ServerActivity records a release after the store's release, so the waiter's grant
 * often comes first and is not measured as a hand-off (reported to the server's owner).
 *
 * <p>Drives a few seconds of traffic through the API (grants, refusals, hand-offs to waiting requests, a lost lease, a
 * semaphore) while an administrator watches, checks that the charts counted it, and keeps the screenshot that the
 * README shows ({@code target/dashboard-screenshots/dashboard.png}, copied to {@code docs/lock-server-dashboard.png}).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "holdfast.server.users.admin.password={noop}admin-pw",
            "holdfast.server.users.admin.roles=READ,LOCK,ADMIN",
            "holdfast.server.users.admin.namespaces=*",
            "holdfast.server.users.worker.password={noop}worker-pw",
            "holdfast.server.users.worker.roles=READ,LOCK",
            "holdfast.server.users.worker.namespaces=*"
        })
class DashboardScreenshotTests {

    static final int ROUNDS = 5;

    @LocalServerPort
    int port;

    @Autowired
    SemaphoreStore semaphores;

    @Autowired
    ServerActivity activity;

    @TempDir
    Path profile;

    WebDriver browser;

    @BeforeAll
    static void chromium() {
        Browser.requireChromium();
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void shouldChartGrantsRefusalsHandOffsAndLostLeasesAsTheyHappen() throws Exception {
        ApiClient worker = new ApiClient(port, "worker", "worker-pw");
        browser = Browser.start(profile);
        Browser.signIn(browser, port, "admin", "admin-pw");
        Map<String, Object> invoice =
                worker.acquire("orders/invoice-4711", "billing-1", 120_000, 0).getBody();
        CompletableFuture<ResponseEntity<Map<String, Object>>> waiting =
                CompletableFuture.supplyAsync(() -> worker.acquire("orders/invoice-4711", "billing-2", 30_000, 60_000));
        worker.acquire("payments/settlement-0412", "ledger", 90_000, 0);
        worker.acquire("reports/nightly-export", "cron-7", 45_000, 0);
        LockKey pool = LockKey.of("pools", "db-connections");
        semaphores.createSemaphore(pool, 8, false);
        for (int permits : new int[] {3, 2, 1}) {
            PermitOutcome outcome = semaphores.acquirePermits(new PermitCommand(
                    pool,
                    SemaphoreKind.SEMAPHORE,
                    "worker/etl-" + permits,
                    0,
                    permits,
                    false,
                    Duration.ofMinutes(2),
                    AcquireMode.LOCK,
                    0,
                    false));
            assertThat(outcome).isInstanceOf(PermitOutcome.Granted.class);
        }

        String job = "jobs/compaction";
        for (int round = 0; round < ROUNDS; round++) {
            long second = System.currentTimeMillis() / 1000;
            await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() / 1000 > second);
            Object token = worker.acquire(job, "node-a", 10_000, 0).getBody().get("token");
            CompletableFuture<ResponseEntity<Map<String, Object>>> next =
                    CompletableFuture.supplyAsync(() -> worker.acquire(job, "node-b", 10_000, 5_000));
            await().atMost(Duration.ofSeconds(10)).until(() -> activity.waiters(LockKey.of("jobs", "compaction")) == 1);
            for (int refused = 0; refused <= round % 3; refused++) {
                assertThat(worker.acquire(job, "node-c", 10_000, 0)
                                .getStatusCode()
                                .value())
                        .isEqualTo(409);
            }
            if (round == 2) {
                assertThat(worker.renew(job, "node-z", 1).getStatusCode().value())
                        .as("renewing a lease that is not held: lost")
                        .isEqualTo(409);
            }
            worker.release(job, "node-a", token);
            Map<String, Object> handed = next.get(5, TimeUnit.SECONDS).getBody();
            worker.release(job, "node-b", handed.get("token"));
        }

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(5));
        WebElement grants = browser.findElement(By.id("chart-grants"));
        WebElement handoffs = browser.findElement(By.id("chart-handoff"));
        WebElement refusals = browser.findElement(By.id("chart-refusals"));
        WebElement lost = browser.findElement(By.id("chart-lost"));
        wait.withMessage(() -> "charted grants " + total(grants) + ", hand-offs " + total(handoffs) + ", refusals "
                        + total(refusals) + ", lost " + total(lost))
                .until((driver) -> total(grants) >= 3 + 2 * ROUNDS && total(refusals) >= ROUNDS && total(lost) >= 1);
        wait.until((driver) ->
                "1".equals(driver.findElement(By.id("count-waiting")).getText()));
        assertThat(browser.findElement(By.cssSelector("#semaphores tr[data-semaphore='pools/db-connections']"))
                        .getText())
                .contains("6 / 8");
        assertThat(browser.findElements(By.cssSelector("#locks tbody tr"))).hasSizeGreaterThanOrEqualTo(3);
        Browser.screenshot(browser, "dashboard");

        worker.release("orders/invoice-4711", "billing-1", invoice.get("token"));
        Map<String, Object> handed = waiting.get(5, TimeUnit.SECONDS).getBody();
        assertThat(handed).containsEntry("owner", "billing-2");
    }

    private static long total(WebElement chart) {
        return Long.parseLong(chart.getDomAttribute("data-total"));
    }
}
