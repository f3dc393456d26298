package clipcast.cli;

import clipcast.consent.Channel;
import clipcast.consent.ConsentInput;
import clipcast.consent.ConsentMethod;
import clipcast.consent.ConsentStatus;
import clipcast.consent.Evidence;
import clipcast.contacts.ContactDetails;
import clipcast.contacts.Contacts;
import clipcast.contacts.Forms;
import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Demo contacts with the consent evidence a real shop would have, and a subscription form to try. */
@Component
class DemoContacts {

    private final Contacts contacts;
    private final Forms forms;
    private final String publicUrl;

    DemoContacts(Contacts contacts, Forms forms, @Value("${clipcast.public-url}") String publicUrl) {
        this.contacts = contacts;
        this.forms = forms;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    void seed(TenantId tenant, PrintStream out) {
        TenantScope.run(tenant, () -> {
            var people = List.of(
                    new ContactDetails(
                            "anne.martin@example.com",
                            "+33612345678",
                            "Anne",
                            "Martin",
                            "FR",
                            "fr",
                            null,
                            null,
                            Map.of("loyalty", "gold"),
                            List.of("newsletter")),
                    new ContactDetails(
                            "bob.smith@example.com",
                            "+447911123456",
                            "Bob",
                            "Smith",
                            "GB",
                            "en",
                            null,
                            null,
                            Map.of(),
                            List.of("newsletter")),
                    new ContactDetails(
                            "carla.rossi@example.com",
                            null,
                            "Carla",
                            "Rossi",
                            "IT",
                            "it",
                            "Europe/Rome",
                            null,
                            Map.of(),
                            List.of("vip")));
            for (var person : people) {
                contacts.save(
                        person,
                        List.of(new ConsentInput(
                                Channel.EMAIL,
                                "marketing",
                                ConsentStatus.GRANTED,
                                ConsentMethod.WEB_FORM,
                                new Evidence(
                                        "Yes, send me Demo Coffee Roasters coupons by email.",
                                        "1",
                                        publicUrl + "/signup",
                                        "192.0.2.10",
                                        "Mozilla/5.0 (demo)",
                                        null))));
            }
            var form = forms.create(
                    "Demo Coffee Roasters news",
                    "newsletter",
                    List.of("firstName"),
                    "Yes, email me the Demo Coffee Roasters news and coupons. I can unsubscribe at any time.");
            out.println("Contacts: " + people.size() + " demo contacts with email consent");
            out.println("Subscribe form: " + forms.url(form.id()));
        });
    }
}
