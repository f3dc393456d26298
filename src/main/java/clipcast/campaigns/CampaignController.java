package clipcast.campaigns;

import clipcast.compliance.domain.ContentFinding;
import clipcast.web.ApiProblems;
import clipcast.web.FieldIssue;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Campaigns over the API: compose, preflight, launch, watch, cancel, and the decision of every recipient. */
@RestController
@RequestMapping("/api/v1/campaigns")
class CampaignController {

    /** The statuses a recipient can be filtered by (its decision, or its message's status once it has one). */
    static final List<String> STATUSES =
            List.of("ELIGIBLE", "BLOCKED", "DEFERRED", "HELD", "QUEUED", "SENDING", "SENT", "FAILED", "CANCELLED");

    private final Campaigns campaigns;
    private final ApiProblems problems;

    CampaignController(Campaigns campaigns, ApiProblems problems) {
        this.campaigns = campaigns;
        this.problems = problems;
    }

    @PostMapping
    ResponseEntity<?> create(@RequestBody CampaignRequest request) {
        return saved(campaigns.create(request), true);
    }

    @PutMapping("/{id}")
    ResponseEntity<?> update(@PathVariable UUID id, @RequestBody CampaignRequest request) {
        return saved(campaigns.update(id, request), false);
    }

    @GetMapping
    Map<String, Object> list(@RequestParam(required = false) UUID after, @RequestParam(defaultValue = "50") int limit) {
        int size = Math.clamp(limit, 1, 200);
        var page = campaigns.page(after, size);
        var body = new LinkedHashMap<String, Object>();
        body.put("items", page.stream().map(c -> view(c, false)).toList());
        body.put("next", page.size() == size ? page.getLast().id() : null);
        return body;
    }

    @GetMapping("/{id}")
    ResponseEntity<?> get(@PathVariable UUID id) {
        return campaigns
                .find(id)
                .<ResponseEntity<?>>map(c -> ResponseEntity.ok(view(c, true)))
                .orElseGet(() -> problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND"));
    }

    @PostMapping("/{id}/preflight")
    ResponseEntity<?> preflight(@PathVariable UUID id) {
        return campaigns
                .preflight(id)
                .<ResponseEntity<?>>map(report -> ResponseEntity.ok(preflightView(report)))
                .orElseGet(() -> problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND"));
    }

    @PostMapping("/{id}/launch")
    ResponseEntity<?> launch(@PathVariable UUID id) {
        return switch (campaigns.launch(id)) {
            case Campaigns.Launched.Started(var campaign) ->
                ResponseEntity.accepted().body(view(campaign, true));
            case Campaigns.Launched.Scheduled(var campaign) ->
                ResponseEntity.accepted().body(view(campaign, true));
            case Campaigns.Launched.NotFound notFound -> problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND");
            case Campaigns.Launched.WrongState(var status) ->
                problems.respond(HttpStatus.CONFLICT, "INVALID_CAMPAIGN_STATE", status.name());
            case Campaigns.Launched.Refused(var reasons, var findings) -> {
                var problem = problems.problem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        reasons.getFirst(),
                        reasons.stream()
                                .map(code -> problems.fieldIssue(field(code), code))
                                .toList());
                problem.setProperty("reasons", reasons);
                problem.setProperty(
                        "findings",
                        findings.stream().map(CampaignController::finding).toList());
                yield ResponseEntity.unprocessableContent()
                        .contentType(ApiProblems.PROBLEM_JSON)
                        .body(problem);
            }
        };
    }

    @PostMapping("/{id}/cancel")
    ResponseEntity<?> cancel(@PathVariable UUID id) {
        return changed(campaigns.cancel(id), problems);
    }

    /** A decision reason or failure code: letters, digits, '_', '.', '-' (e.g. NO_CONSENT, 550, IN_DOUBT). */
    private static final java.util.regex.Pattern REASON_CODE = java.util.regex.Pattern.compile("[A-Z0-9_.-]{1,64}");

    @GetMapping("/{id}/messages")
    ResponseEntity<?> messages(
            @PathVariable UUID id,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) UUID after,
            @RequestParam(defaultValue = "100") int limit) {
        if (campaigns.find(id).isEmpty()) {
            return problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND");
        }
        var wanted = status == null ? null : status.strip().toUpperCase(Locale.ROOT);
        if (wanted != null && !STATUSES.contains(wanted)) {
            return problems.respond(
                    HttpStatus.BAD_REQUEST,
                    "VALIDATION_FAILED",
                    List.of(problems.fieldIssue("status", "INVALID_STATUS", String.join(", ", STATUSES))));
        }
        var reasonCode = reason == null ? null : reason.strip().toUpperCase(Locale.ROOT);
        if (reasonCode != null && !REASON_CODE.matcher(reasonCode).matches()) {
            return problems.respond(
                    HttpStatus.BAD_REQUEST,
                    "VALIDATION_FAILED",
                    List.of(problems.fieldIssue("reason", "INVALID_REASON")));
        }
        int size = Math.clamp(limit, 1, 1000);
        var items = campaigns.messages(id, wanted, reasonCode, after, size);
        var body = new LinkedHashMap<String, Object>();
        body.put("items", items);
        body.put("next", items.size() == size ? items.getLast().get("contactId") : null);
        return ResponseEntity.ok(body);
    }

    static ResponseEntity<?> changed(Campaigns.Changed changed, ApiProblems problems) {
        return switch (changed) {
            case Campaigns.Changed.Done(var campaign) ->
                ResponseEntity.ok(
                        Map.of("id", campaign.id(), "status", campaign.status().name()));
            case Campaigns.Changed.NotFound notFound -> problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND");
            case Campaigns.Changed.WrongState(var status) ->
                problems.respond(HttpStatus.CONFLICT, "INVALID_CAMPAIGN_STATE", status.name());
        };
    }

    private ResponseEntity<?> saved(Campaigns.Saved saved, boolean created) {
        return switch (saved) {
            case Campaigns.Saved.Done(var campaign) ->
                created
                        ? ResponseEntity.created(URI.create("/api/v1/campaigns/" + campaign.id()))
                                .body(view(campaign, false))
                        : ResponseEntity.ok(view(campaign, false));
            case Campaigns.Saved.Invalid(var issues) ->
                problems.respond(
                        HttpStatus.BAD_REQUEST,
                        "VALIDATION_FAILED",
                        issues.stream().map(this::issue).toList());
            case Campaigns.Saved.NotFound notFound -> problems.respond(HttpStatus.NOT_FOUND, "NOT_FOUND");
            case Campaigns.Saved.NotEditable(var status) ->
                problems.respond(HttpStatus.CONFLICT, "INVALID_CAMPAIGN_STATE", status.name());
        };
    }

    private FieldIssue issue(CampaignRequests.Issue issue) {
        var base = problems.fieldIssue(issue.field(), issue.code(), issue.excerpt() == null ? "" : issue.excerpt());
        return issue.excerpt() == null
                ? base
                : new FieldIssue(base.field(), base.code(), base.message() + " (" + issue.excerpt() + ")");
    }

    private static String field(String code) {
        return switch (code) {
            case "CONTENT_BLOCKED" -> "body";
            case "SENDER_NOT_VERIFIED" -> "sender";
            case "OFFER_NOT_AVAILABLE" -> "offerId";
            default -> "campaign";
        };
    }

    private Map<String, Object> view(Campaign campaign, boolean withProgress) {
        var view = new LinkedHashMap<String, Object>();
        view.put("id", campaign.id());
        view.put("name", campaign.name());
        view.put("channel", campaign.channel().name());
        view.put("purpose", campaign.purpose());
        view.put("sender", campaign.senderId());
        view.put("audience", campaign.audience());
        view.put("subject", campaign.subject());
        view.put("body", campaign.body());
        view.put("offerId", campaign.offerId());
        view.put("scheduledAt", campaign.scheduledAt());
        view.put("status", campaign.status().name());
        var staged = new LinkedHashMap<String, Object>();
        staged.put("mode", campaign.stagedRelease());
        staged.put("reasons", campaign.stagedReasons());
        staged.put("sampleSize", campaign.sampleSize());
        staged.put("holdUntil", campaign.holdUntil());
        view.put("stagedRelease", staged);
        view.put("heldReason", campaign.heldReason());
        view.put("launchedAt", campaign.launchedAt());
        view.put("finishedAt", campaign.finishedAt());
        view.put("createdAt", campaign.createdAt());
        if (withProgress) {
            view.put(
                    "recipients",
                    Map.of(
                            "eligible", campaign.eligible(),
                            "blocked", campaign.blocked(),
                            "deferred", campaign.deferred(),
                            "decisions", campaigns.decisionCounts(campaign.id())));
            view.put("delivery", campaigns.delivery(campaign.id()));
        }
        return view;
    }

    private static Map<String, Object> preflightView(Campaigns.Preflight report) {
        var view = new LinkedHashMap<String, Object>();
        view.put("ready", report.ready());
        view.put("problems", report.problems());
        view.put(
                "content",
                Map.of(
                        "findings",
                        report.findings().stream()
                                .map(CampaignController::finding)
                                .toList()));
        view.put("sender", Map.of("status", report.senderStatus()));
        view.put("sms", report.sms());
        view.put("audience", report.audience());
        view.put("stagedRelease", report.stagedRelease());
        view.put("footerPreview", report.footerPreview());
        view.put("evaluatedAt", report.evaluatedAt());
        return view;
    }

    private static Map<String, Object> finding(ContentFinding finding) {
        var view = new LinkedHashMap<String, Object>();
        view.put("category", finding.category().name());
        view.put("severity", finding.severity().name());
        view.put("excerpt", finding.excerpt());
        view.put("rule", finding.rule());
        return view;
    }
}
