package clipcast.campaigns;

import clipcast.tenancy.TenantId;
import clipcast.web.ApiProblems;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operator's decisions on held campaigns (staged releases over their thresholds). */
@RestController
@RequestMapping("/api/v1/operator/campaigns")
class OperatorCampaignController {

    private final Campaigns campaigns;
    private final ApiProblems problems;

    OperatorCampaignController(Campaigns campaigns, ApiProblems problems) {
        this.campaigns = campaigns;
        this.problems = problems;
    }

    @GetMapping("/held")
    Map<String, Object> held() {
        return Map.of("items", campaigns.held());
    }

    @PostMapping("/{tenantId}/{id}/release")
    ResponseEntity<?> release(@PathVariable UUID tenantId, @PathVariable UUID id) {
        return CampaignController.changed(campaigns.release(new TenantId(tenantId), id), problems);
    }

    record Decline(Boolean freezeAccount, String reason) {}

    @PostMapping("/{tenantId}/{id}/decline")
    ResponseEntity<?> decline(
            @PathVariable UUID tenantId, @PathVariable UUID id, @RequestBody(required = false) Decline decline) {
        var freeze = decline != null && Boolean.TRUE.equals(decline.freezeAccount());
        var reason = decline == null ? null : decline.reason();
        return CampaignController.changed(campaigns.decline(new TenantId(tenantId), id, freeze, reason), problems);
    }
}
