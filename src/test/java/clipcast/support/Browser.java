package clipcast.support;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's headless Chromium driven by Playwright, as a JUnit extension: a test class declares
 * {@code @RegisterExtension static final Browser browser = new Browser();} and gets one browser for the class,
 * launched before its first test and closed after its last; each page gets a fresh context.
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback {

    private Playwright playwright;
    private com.microsoft.playwright.Browser chromium;

    @Override
    public void beforeAll(ExtensionContext context) {
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
    public void afterAll(ExtensionContext context) {
        if (chromium != null) {
            chromium.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }
}
