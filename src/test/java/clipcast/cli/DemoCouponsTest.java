package clipcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ClipcastTest
class DemoCouponsTest {

    static final Pattern COUPON_LINE = Pattern.compile("(?m)^Demo coupon: (\\S+)  \\S+(/c/\\S+)$");

    @LocalServerPort
    int port;

    @Test
    void demo_prints_a_coupon_whose_page_shows_the_code_and_whose_code_validates() {
        var run = CommandLineTest.clipcast("demo");

        var matcher = COUPON_LINE.matcher(run.out());
        assertThat(matcher.find()).as(run.out()).isTrue();
        var code = matcher.group(1);
        var api = new HttpApi(port, CommandLineTest.apiKeyIn(run.out()));
        assertThat(api.get("/api/v1/coupons/" + code).status()).isIn(200, 409);
        var page = new HttpApi(port, null).get(matcher.group(2));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(code);
    }
}
