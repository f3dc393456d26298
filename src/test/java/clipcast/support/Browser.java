package clipcast.support;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Debian's headless Chromium driven by Playwright: one browser per test class, a fresh context per page. */
public final class Browser implements AutoCloseable {

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;

    public Browser() {
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        chromium = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setHeadless(true)
                        .setExecutablePath(executable())
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-dev-shm-usage")));
    }

    /** A page in a new context (own cookies), sized like a phone when asked. */
    public Page newPage(boolean phone) {
        var options = new NewContextOptions();
        if (phone) {
            options.setViewportSize(390, 844).setIsMobile(true).setHasTouch(true);
        }
        return chromium.newContext(options).newPage();
    }

    private static Path executable() {
        for (var candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("No Chromium found: install it with 'apt-get install -y chromium'");
    }

    @Override
    public void close() {
        chromium.close();
        playwright.close();
    }
}
