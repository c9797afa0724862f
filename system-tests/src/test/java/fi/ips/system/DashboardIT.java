package fi.ips.system;

import com.jayway.jsonpath.JsonPath;
import fi.ips.events.Region;
import fi.ips.local.DemoData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import static fi.ips.system.RunningPlatform.get;
import static fi.ips.system.RunningPlatform.post;
import static fi.ips.system.RunningPlatform.put;
import static fi.ips.system.RunningPlatform.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in headless Chromium against the running platform: the browser login, the live
 * figures, the as-of date, the languages, a county's narrower view and the CSV download.
 * Chromium and its driver come from Debian's packages {@code chromium} and {@code chromium-driver}
 * (installed by .ci/run, which also makes these tests required there).
 */
class DashboardIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Regions no other system test writes to: this test's figures are its own. */
    private static final String LIVE_REGION = "11";

    @TempDir
    Path downloads;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "required".equals(System.getenv("IPS_BROWSER_TESTS"))) {
            throw new IllegalStateException("Chromium is required for the browser tests: apt-get install chromium chromium-driver");
        }
        assumeTrue(installed, "browser tests need Debian's chromium and chromium-driver (see .ci/run)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100", "--lang=fi");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        // Live updates redraw the table: an element found a moment ago may be gone.
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theCoordinatorSeesEveryRegionAndAFigureChangeWithoutAReload() {
        logIn("coordinator", "coordinator-password");
        assertThat(browser.findElements(By.cssSelector("#figures tbody tr"))).hasSize(23);
        assertThat(browser.findElements(By.cssSelector("#figures tfoot tr[data-region='national']"))).hasSize(1);
        wait.until(b -> "live".equals(browser.findElement(By.id("live")).getAttribute("data-state")));
        int before = number(text(LIVE_REGION, "employed"));
        script("window.notReloaded = true;");

        String county = token("region-" + LIVE_REGION);
        String client = "dash-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate signed = LocalDate.now().minusDays(20);
        assertThat(post("/api/v1/referrals", county, "{\"clientId\":\"%s\",\"region\":\"%s\",\"referredOn\":\"%s\",\"source\":\"SELF_REFERRAL\"}"
                .formatted(client, LIVE_REGION, signed.minusDays(10))).statusCode()).isEqualTo(201);
        assertThat(post("/api/v1/referrals/" + client + "/agreement", county, "{\"signedOn\":\"%s\"}".formatted(signed)).statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/jobs", county, "{\"jobId\":\"%s-job\",\"clientId\":\"%s\",\"startedOn\":\"%s\",\"jobType\":\"PAID_OPEN_MARKET\"}"
                .formatted(client, client, signed.plusDays(5))).statusCode()).isEqualTo(201);

        wait.until(b -> number(cell(LIVE_REGION, "employed").getText()) == before + 1);

        // A fidelity review, on its own topic, shows up the same way: 100 or more is marked good.
        int score = 25 + new java.util.Random().nextInt(101);
        assertThat(put("/api/v1/fidelity-reviews/" + LIVE_REGION + "/" + LocalDate.now().minusDays(1), county, "{\"score\":%d}".formatted(score))
                .statusCode()).isIn(200, 201);
        wait.until(b -> cell(LIVE_REGION, "fidelity").getText().startsWith(score + (score >= 100 ? " ✓ (" : " (")));
        assertThat(script("return window.notReloaded === true;")).isEqualTo(true);
    }

    /**
     * While outcomes-service is down the browser gives up on the live stream (the gateway answers
     * 503, and a browser does not retry that by itself): the page opens a new stream once the
     * service is back, and shows figures read since.
     */
    @Test
    void theLiveUpdatesComeBackByThemselvesAfterOutcomesServiceWasDown() throws InterruptedException {
        logIn("coordinator", "coordinator-password");
        wait.until(b -> "live".equals(liveState()));
        String readBefore = browser.findElement(By.id("live")).getAttribute("data-updated");
        RunningPlatform.platform().stop("outcomes-service");
        try {
            wait.until(b -> "reconnecting".equals(liveState()));
            // Long enough for the browser's own retry (3 s) to meet the 503 and give up on the stream.
            Thread.sleep(8_000);
        } finally {
            RunningPlatform.platform().restart("outcomes-service");
        }
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> "live".equals(liveState()));
        wait.until(b -> !Objects.equals(readBefore, browser.findElement(By.id("live")).getAttribute("data-updated")));
    }

    /**
     * A 401 to the figures (the login's token expired while the page stayed open) sends the page through
     * the login again, which the identity provider's session answers at once; a second 401 within a
     * minute is shown as a problem instead, so that a 401 no login mends is no loop through the login.
     * The 401s are the page's own {@code fetch} answering so for the figures.
     */
    @Test
    void aRefusedTokenLogsInAgainOnceAMinuteAtMost() {
        logIn("coordinator", "coordinator-password");
        refuseFiguresWith401();
        new Select(browser.findElement(By.id("as-of"))).selectByValue("2022-04-30");
        // The page goes away meanwhile: a script may meet no document for a moment.
        wait.ignoring(JavascriptException.class).until(b -> script("return window.ipsTestPage === undefined && document.readyState === 'complete'"));
        waitForTable();
        assertThat(browser.getCurrentUrl()).startsWith(RunningPlatform.gatewayUrl());
        assertThat(script("return sessionStorage.getItem('ips.relogin') !== null")).isEqualTo(true);

        refuseFiguresWith401();
        new Select(browser.findElement(By.id("as-of"))).selectByValue("2022-04-30");
        wait.until(b -> browser.findElement(By.id("problem")).isDisplayed());
        assertThat(script("return window.ipsTestPage === 'refusing'")).isEqualTo(true);
    }

    /** Marks the page (a new page after a login has no mark) and answers its reads of the figures 401. */
    private void refuseFiguresWith401() {
        script("""
                window.ipsTestPage = 'refusing';
                const fetched = window.fetch;
                window.fetch = (input, init) => String(input).startsWith('/api/v1/outcomes/regions')
                    ? Promise.resolve(new Response('', { status: 401 })) : fetched(input, init);""");
    }

    private Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private String liveState() {
        return browser.findElement(By.id("live")).getAttribute("data-state");
    }

    @Test
    void theAsOfDateShowsThePastAndTheLanguageIsRemembered() {
        logIn("coordinator", "coordinator-password");
        new Select(browser.findElement(By.id("as-of"))).selectByValue("2022-04-30");
        wait.until(b -> browser.findElement(By.id("table-caption")).getText().contains("30.4.2022"));
        String national = get("/api/v1/outcomes/national?asOf=2022-04-30", token("coordinator")).body();
        wait.until(b -> number(cell("national", "agreements").getText()) == (Integer) JsonPath.read(national, "$.agreements"));

        new Select(browser.findElement(By.id("language"))).selectByValue("sv");
        assertThat(browser.findElement(By.cssSelector("th[data-key='agreements']")).getText()).isEqualTo("Avtal");
        assertThat(text("18", "name")).isEqualTo("Mellersta Österbottens välfärdsområde");
        browser.navigate().refresh();
        waitForTable();
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("sv");
        assertThat(browser.findElement(By.cssSelector("th[data-key='employed']")).getText()).isEqualTo("Sysselsatta");
    }

    @Test
    void aCountyUserSeesItsOwnRegionAndTheNationalRowOnly() {
        logIn("county-14", "county-14-password");
        assertThat(browser.findElements(By.cssSelector("#figures tbody tr"))).extracting(row -> row.getAttribute("data-region"))
                .containsExactly("14");
        assertThat(browser.findElements(By.cssSelector("#figures tfoot tr"))).extracting(row -> row.getAttribute("data-region"))
                .containsExactly("national");
    }

    @Test
    void theCsvDownloadHoldsWhatTheTableShowsAndAgreesWithTheApi() throws IOException {
        logIn("coordinator", "coordinator-password");
        new Select(browser.findElement(By.id("language"))).selectByValue("en");
        browser.findElement(By.id("download")).click();
        Path csv = awaitDownload();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1 + 23 + 1);
        assertThat(lines.get(0)).startsWith("\uFEFF\"Region\",\"Agreements\",\"Employed\",\"Employment rate\"");
        List<String> rows = browser.findElements(By.cssSelector("#figures tbody tr, #figures tfoot tr")).stream()
                .map(row -> row.findElements(By.cssSelector("th, td")).stream().map(cell -> "\"" + cell.getText() + "\"")
                        .reduce((a, b) -> a + "," + b).orElseThrow())
                .toList();
        assertThat(lines.subList(1, lines.size())).containsExactlyElementsOf(rows);

        String api = get("/api/v1/outcomes/regions", token("coordinator")).body();
        List<Integer> agreements = JsonPath.read(api, "$[?(@.region == '" + LIVE_REGION + "')].agreements");
        String line = lines.stream().filter(l -> l.startsWith("\"" + regionNameEn(LIVE_REGION) + "\"")).findFirst().orElseThrow();
        assertThat(number(line.split("\",\"")[1])).isEqualTo(agreements.get(0));
    }

    @Test
    void withTheDemoDataTheDashboardTellsThlsStory() throws IOException, InterruptedException {
        DemoData.load(RunningPlatform.gatewayUrl(), RunningPlatform.authUrl(), System.out);
        logIn("coordinator", "coordinator-password");
        new Select(browser.findElement(By.id("as-of"))).selectByValue("2022-04-30");
        wait.until(b -> cell("14", "agreements").getText().equals("85") && cell("14", "employed").getText().equals("29"));
        assertThat(text("14", "employmentRate")).isEqualTo("34,1 %");
        new Select(browser.findElement(By.id("trend-region"))).selectByValue("14");
        browser.manage().window().setSize(new Dimension(1400, 1900));
        script("document.activeElement.blur(); window.scrollTo(0, 0);");
        Thread.sleep(1000); // the charts redraw for the new size and region; only the screenshot waits for it
        File screenshot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(screenshot.toPath(), Path.of("target", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private void logIn(String user, String password) {
        browser.get(RunningPlatform.gatewayUrl() + "/");
        wait.until(b -> browser.getCurrentUrl().startsWith(RunningPlatform.authUrl() + "/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type='submit']")).click();
        waitForTable();
    }

    private void waitForTable() {
        wait.until(b -> !browser.findElements(By.cssSelector("#figures tfoot tr")).isEmpty());
    }

    /** A cell's text as shown now (read again if the table was redrawn meanwhile). */
    private String text(String region, String key) {
        return wait.until(b -> cell(region, key).getText());
    }

    private WebElement cell(String region, String key) {
        return browser.findElement(By.cssSelector("tr[data-region='" + region + "'] [data-key='" + key + "']"));
    }

    private Path awaitDownload() {
        wait.until(b -> csvFiles().findAny().isPresent());
        return csvFiles().findFirst().orElseThrow();
    }

    private Stream<Path> csvFiles() {
        File[] files = downloads.toFile().listFiles((dir, name) -> name.endsWith(".csv"));
        return files == null ? Stream.empty() : Arrays.stream(files).map(File::toPath);
    }

    private static String regionNameEn(String code) {
        return Region.ofCode(code).nameEn();
    }

    private static int number(String text) {
        String digits = text.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }
}
