package clipcast.campaigns;

import java.time.Clock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Moves campaigns on: scheduled launches, interrupted launches, staged-release holds, finished sends. */
@Component
class CampaignScheduler {

    private final Campaigns campaigns;
    private final Clock clock;

    CampaignScheduler(Campaigns campaigns, Clock clock) {
        this.campaigns = campaigns;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${clipcast.campaigns.tick-ms:2000}",
            initialDelayString = "${clipcast.campaigns.tick-ms:2000}")
    void tick() {
        campaigns.advance(clock.instant());
    }
}
