package clipcast.campaigns.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a campaign is: draft → checked (a preflight passed) → scheduled → sampling (a staged release's first part
 * is out) → held (for the operator) → sending → done; or declined (by the operator) / cancelled (by the tenant).
 */
public enum CampaignStatus {
    DRAFT,
    CHECKED,
    SCHEDULED,
    SAMPLING,
    HELD,
    SENDING,
    DONE,
    DECLINED,
    CANCELLED;

    /** The tenant may still change the campaign. */
    public boolean editable() {
        return this == DRAFT || this == CHECKED;
    }

    public boolean launchable() {
        return this == DRAFT || this == CHECKED;
    }

    public boolean cancellable() {
        return EnumSet.of(DRAFT, CHECKED, SCHEDULED, SAMPLING, HELD, SENDING).contains(this);
    }

    public boolean finished() {
        return Set.of(DONE, DECLINED, CANCELLED).contains(this);
    }
}
