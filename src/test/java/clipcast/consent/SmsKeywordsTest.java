package clipcast.consent;

import static clipcast.support.HttpApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import clipcast.support.ClipcastTest;
import clipcast.support.HttpApi;
import clipcast.support.TestTenants;
import clipcast.tenancy.TenantScope;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@ClipcastTest
class SmsKeywordsTest {

    @LocalServerPort
    int port;

    @Autowired
    TestTenants tenants;

    @Autowired
    SmsKeywords keywords;

    @Test
    void stop_opts_out_once_help_answers_and_start_opts_back_in_with_the_keyword_as_evidence() {
        var shop = tenants.create("Sms Shop");
        var api = new HttpApi(port, shop.apiKey());
        var shortCode = "+3375" + (10_000_000 + (int) (Math.random() * 89_999_999));
        TenantScope.run(
                shop.tenant().id(),
                () -> keywords.registerNumber(shortCode, "Demo Coffee", "Up to 4 msgs/month", "help@demo.example"));
        var id = api.post(
                        "/api/v1/contacts",
                        json(
                                "phone",
                                "+33 6 12 34 56 78",
                                "consents",
                                List.of(json(
                                        "channel", "SMS",
                                        "purpose", "marketing",
                                        "status", "GRANTED",
                                        "method", "POINT_OF_SALE",
                                        "evidence", json("text", "Texts from Demo Coffee")))))
                .json()
                .get("id")
                .asString();

        var stop = keywords.handleInbound("33612345678", shortCode, "  stop ");
        var stopAgain = keywords.handleInbound("33612345678", shortCode, "QUIT");
        var afterStop = api.get("/api/v1/contacts/" + id + "/consents").json();
        var help = keywords.handleInbound("33612345678", shortCode, "HELP");
        var start = keywords.handleInbound("+33612345678", shortCode, "Yes");
        var afterStart = api.get("/api/v1/contacts/" + id + "/consents").json();

        assertThat(stop).hasValueSatisfying(reply -> assertThat(reply).contains("Demo Coffee", "unsubscribed"));
        assertThat(stopAgain).as("confirmed once").isEmpty();
        assertThat(afterStop.get("current").get(0).get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(help)
                .hasValueSatisfying(reply -> assertThat(reply)
                        .contains(
                                "Demo Coffee",
                                "Up to 4 msgs/month",
                                "Msg & data rates may apply",
                                "help@demo.example"));
        assertThat(start).isPresent();
        var last = afterStart.get("items").get(afterStart.get("items").size() - 1);
        assertThat(last.get("status").asString()).isEqualTo("GRANTED");
        assertThat(last.get("method").asString()).isEqualTo("SMS_KEYWORD");
        assertThat(last.get("evidence").get("text").asString()).isEqualTo("YES");
        assertThat(api.get("/api/v1/contacts/" + id + "/export")
                        .json()
                        .get("suppression")
                        .get("phone"))
                .isEmpty();
    }

    @Test
    void messages_that_are_not_keywords_or_to_unknown_numbers_get_no_reply() {
        assertThat(keywords.handleInbound("33612345678", "+33999999999", "STOP"))
                .isEmpty();
        assertThat(keywords.handleInbound("33612345678", "+33999999999", "what is this?"))
                .isEmpty();
        assertThat(keywords.handleInbound("not a number", "+33999999999", "STOP"))
                .isEmpty();
    }
}
