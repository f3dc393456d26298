package clipcast.delivery;

import clipcast.delivery.email.DkimKeys;
import org.springframework.stereotype.Service;

/** What a tenant publishes in DNS for its sending domains: the DKIM key record every email is signed with. */
@Service
public class SenderDomains {

    private final DkimKeys keys;

    SenderDomains(DkimKeys keys) {
        this.keys = keys;
    }

    /** The TXT record (name and value) for the domain of this From address, its key made on first use. */
    public DkimRecord dkimRecord(String fromAddress) {
        var record = keys.dnsRecord(fromAddress);
        return new DkimRecord(record.name(), record.value());
    }

    public record DkimRecord(String name, String value) {}
}
