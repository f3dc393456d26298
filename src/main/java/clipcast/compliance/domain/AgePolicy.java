package clipcast.compliance.domain;

import java.time.Period;
import java.time.ZoneOffset;

/** Nobody under 16 receives marketing. An unknown birth date is not a reason to refuse. */
public final class AgePolicy implements Policy {

    public static final int MINIMUM_AGE = 16;

    @Override
    public Decision decide(Recipient recipient, Sending sending) {
        if (recipient.birthDate() == null) {
            return Decision.allow();
        }
        var today = sending.now()
                .atZone(recipient.zone() == null ? ZoneOffset.UTC : recipient.zone())
                .toLocalDate();
        return Period.between(recipient.birthDate(), today).getYears() < MINIMUM_AGE
                ? new Decision.Block(ReasonCode.UNDERAGE)
                : Decision.allow();
    }
}
