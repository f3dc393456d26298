package clipcast.campaigns;

import clipcast.consent.Channel;
import clipcast.coupons.Coupons;
import clipcast.tenancy.Role;
import clipcast.tenancy.SignedInUser;
import clipcast.web.ApiProblems;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dashboard's campaign pages for owners and marketers: the list, a campaign with its preflight, launch, cancel
 * and recipients, and the form for drafts. Every decision is the {@link Campaigns} service's, as for the API; this
 * class only shows the outcomes.
 */
@Controller
@RequestMapping("/app/campaigns")
class CampaignPageController {

    static final int PAGE_SIZE = 25;
    static final int RECIPIENTS_PAGE_SIZE = 50;

    /** People who compose and send campaigns; cashiers only work the till. */
    private static final Set<Role> COMPOSERS = EnumSet.of(Role.OWNER, Role.MARKETER);

    /** The fields the form shows errors at; errors of any other field are listed above the form. */
    private static final Set<String> FORM_FIELDS = Set.of(
            "name",
            "channel",
            "purpose",
            "sender",
            "audience",
            "lists",
            "tags",
            "subject",
            "body",
            "offerId",
            "scheduledAt",
            "stagedRelease");

    private static final Pattern REASON = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final Campaigns campaigns;
    private final CampaignRequests requests;
    private final Senders senders;
    private final Coupons coupons;
    private final ApiProblems problems;
    private final MessageSource messages;

    CampaignPageController(
            Campaigns campaigns,
            CampaignRequests requests,
            Senders senders,
            Coupons coupons,
            ApiProblems problems,
            MessageSource messages) {
        this.campaigns = campaigns;
        this.requests = requests;
        this.senders = senders;
        this.coupons = coupons;
        this.problems = problems;
        this.messages = messages;
    }

    // --- the list

    @GetMapping
    String list(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) UUID before, Model model) {
        requireComposer(user);
        var page = campaigns.newestFirst(before, PAGE_SIZE);
        model.addAttribute("campaigns", page);
        model.addAttribute(
                "progress", campaigns.progress(page.stream().map(Campaign::id).toList()));
        model.addAttribute("next", page.size() == PAGE_SIZE ? page.getLast().id() : null);
        return "campaigns/list";
    }

    // --- one campaign

    /** What the recipients list is filtered by, as asked, and what was wrong with it. */
    record Filter(String status, String reason, UUID after, String error) {}

    @GetMapping("/{id}")
    String detail(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) UUID after,
            Model model,
            HttpServletResponse response) {
        requireComposer(user);
        var filter = filter(status, reason, after);
        if (filter.error() != null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        return detailPage(id, filter, model);
    }

    @PostMapping("/{id}/preflight")
    String preflight(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        requireComposer(user);
        var report = campaigns.preflight(id).orElseThrow(CampaignPageController::notFound);
        model.addAttribute("preflight", report);
        model.addAttribute(
                "preflightProblems",
                report.problems().stream().map(this::problem).toList());
        return detailPage(id, noFilter(), model);
    }

    @PostMapping("/{id}/launch")
    String launch(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        requireComposer(user);
        return switch (campaigns.launch(id)) {
            case Campaigns.Launched.Started started -> {
                redirect.addFlashAttribute("notice", "campaigns.launched");
                yield "redirect:/app/campaigns/" + id;
            }
            case Campaigns.Launched.Scheduled scheduled -> {
                redirect.addFlashAttribute("notice", "campaigns.scheduledForLater");
                yield "redirect:/app/campaigns/" + id;
            }
            case Campaigns.Launched.NotFound missing -> throw notFound();
            case Campaigns.Launched.WrongState(var status) -> refused(id, List.of(wrongState(status)), model, response);
            case Campaigns.Launched.Refused(var reasons, var findings) -> {
                model.addAttribute("refusedFindings", findings);
                response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
                model.addAttribute(
                        "refusal", reasons.stream().map(this::problem).toList());
                yield detailPage(id, noFilter(), model);
            }
        };
    }

    @PostMapping("/{id}/cancel")
    String cancel(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        requireComposer(user);
        return switch (campaigns.cancel(id)) {
            case Campaigns.Changed.Done done -> {
                redirect.addFlashAttribute("notice", "campaigns.cancelled");
                yield "redirect:/app/campaigns/" + id;
            }
            case Campaigns.Changed.NotFound missing -> throw notFound();
            case Campaigns.Changed.WrongState(var status) -> refused(id, List.of(wrongState(status)), model, response);
        };
    }

    private String refused(UUID id, List<String> refusal, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.CONFLICT.value());
        model.addAttribute("refusal", refusal);
        return detailPage(id, noFilter(), model);
    }

    private String detailPage(UUID id, Filter filter, Model model) {
        var campaign = campaigns.find(id).orElseThrow(CampaignPageController::notFound);
        model.addAttribute("campaign", campaign);
        model.addAttribute(
                "sender",
                campaign.senderId() == null
                        ? null
                        : senders.find(campaign.senderId()).orElse(null));
        model.addAttribute(
                "offer",
                campaign.offerId() == null
                        ? null
                        : coupons.offer(campaign.offerId()).orElse(null));
        var decisions = campaigns.decisionCounts(id);
        model.addAttribute("decisions", decisions);
        model.addAttribute("delivery", campaigns.delivery(id));
        var reasons = new TreeSet<String>();
        decisions
                .values()
                .forEach(byReason -> byReason.keySet().stream()
                        .filter(reason -> !reason.isEmpty())
                        .forEach(reasons::add));
        model.addAttribute("reasons", reasons);
        model.addAttribute("statuses", CampaignController.STATUSES);
        model.addAttribute("filter", filter);
        var recipients = filter.error() == null
                ? campaigns.messages(id, filter.status(), filter.reason(), filter.after(), RECIPIENTS_PAGE_SIZE)
                : List.<Map<String, Object>>of();
        model.addAttribute("recipients", recipients);
        model.addAttribute(
                "nextRecipients",
                recipients.size() == RECIPIENTS_PAGE_SIZE ? recipients.getLast().get("contactId") : null);
        return "campaigns/detail";
    }

    private Filter filter(String status, String reason, UUID after) {
        var wanted = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        var code = reason == null || reason.isBlank() ? null : reason.strip().toUpperCase(Locale.ROOT);
        if (wanted != null && !CampaignController.STATUSES.contains(wanted)) {
            return new Filter(
                    null,
                    null,
                    null,
                    problems.fieldIssue("status", "INVALID_STATUS", String.join(", ", CampaignController.STATUSES))
                            .message());
        }
        if (code != null && !REASON.matcher(code).matches()) {
            return new Filter(
                    wanted,
                    null,
                    null,
                    problems.fieldIssue("reason", "INVALID_REASON").message());
        }
        return new Filter(wanted, code, after, null);
    }

    private static Filter noFilter() {
        return new Filter(null, null, null, null);
    }

    /** A refusal's code as a sentence: its title and detail from the bundle, as the API's problem says it. */
    private String problem(String code) {
        var locale = LocaleContextHolder.getLocale();
        var title = messages.getMessage("problem." + code + ".title", null, code, locale);
        var detail = messages.getMessage("problem." + code + ".detail", null, null, locale);
        return detail == null ? title : title + ": " + detail;
    }

    private String wrongState(clipcast.campaigns.domain.CampaignStatus status) {
        var locale = LocaleContextHolder.getLocale();
        var state = messages.getMessage("campaigns.status." + status.name(), null, status.name(), locale);
        return messages.getMessage("campaigns.wrongState", new Object[] {state}, locale);
    }

    // --- the form

    @GetMapping("/new")
    String newCampaign(@AuthenticationPrincipal SignedInUser user, Model model) {
        requireComposer(user);
        return form(model, null, CampaignForm.blank(), List.of(), null);
    }

    @PostMapping
    String create(
            @AuthenticationPrincipal SignedInUser user,
            @ModelAttribute CampaignForm form,
            Model model,
            HttpServletResponse response) {
        requireComposer(user);
        return save(null, form, null, campaigns::create, model, response);
    }

    @GetMapping("/{id}/edit")
    String edit(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        requireComposer(user);
        var campaign = campaigns.find(id).orElseThrow(CampaignPageController::notFound);
        if (!campaign.status().editable()) {
            return "redirect:/app/campaigns/" + id;
        }
        return form(model, campaign, CampaignForm.of(campaign), List.of(), null);
    }

    @PostMapping("/{id}")
    String update(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @ModelAttribute CampaignForm form,
            Model model,
            HttpServletResponse response) {
        requireComposer(user);
        var campaign = campaigns.find(id).orElseThrow(CampaignPageController::notFound);
        return save(campaign, form, campaign.audience(), request -> campaigns.update(id, request), model, response);
    }

    private String save(
            Campaign existing,
            CampaignForm form,
            Audience kept,
            Function<CampaignRequest, Campaigns.Saved> save,
            Model model,
            HttpServletResponse response) {
        var read = form.read(kept);
        if (!read.issues().isEmpty()) {
            // Shown with every other problem of the form at once, by the same check the API's requests pass.
            var issues = new ArrayList<>(read.issues());
            if (requests.check(read.request()) instanceof CampaignRequests.Checked.Invalid(var others)) {
                var unread = read.issues().stream()
                        .map(CampaignRequests.Issue::field)
                        .toList();
                others.stream().filter(issue -> !unread.contains(issue.field())).forEach(issues::add);
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, existing, form, issues, null);
        }
        return switch (save.apply(read.request())) {
            case Campaigns.Saved.Done(var campaign) -> "redirect:/app/campaigns/" + campaign.id();
            case Campaigns.Saved.Invalid(var issues) -> {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                yield form(model, existing, form, issues, null);
            }
            case Campaigns.Saved.NotFound missing -> throw notFound();
            case Campaigns.Saved.NotEditable(var status) -> {
                response.setStatus(HttpStatus.CONFLICT.value());
                yield form(model, existing, form, List.of(), wrongState(status));
            }
        };
    }

    private String form(
            Model model, Campaign existing, CampaignForm form, List<CampaignRequests.Issue> issues, String refusal) {
        model.addAttribute("campaign", existing);
        model.addAttribute("form", form);
        var errors = errors(issues);
        model.addAttribute("errors", errors);
        model.addAttribute(
                "otherErrors",
                errors.entrySet().stream()
                        .filter(entry -> !FORM_FIELDS.contains(entry.getKey()))
                        .flatMap(entry -> entry.getValue().stream())
                        .toList());
        model.addAttribute("refusal", refusal);
        model.addAttribute("channels", Channel.values());
        model.addAttribute("senders", senders.list());
        model.addAttribute("offers", coupons.offers());
        return "campaigns/form";
    }

    /** Each problem as a sentence from the bundle, under the form field it is about. */
    private Map<String, List<String>> errors(List<CampaignRequests.Issue> issues) {
        var errors = new LinkedHashMap<String, List<String>>();
        for (var issue : issues) {
            var message = problems.fieldIssue(
                            issue.field(), issue.code(), issue.excerpt() == null ? "" : issue.excerpt())
                    .message();
            if (issue.excerpt() != null) {
                message = message + " (" + issue.excerpt() + ")";
            }
            errors.computeIfAbsent(formField(issue.field()), field -> new ArrayList<>())
                    .add(message);
        }
        return errors;
    }

    /** The form field an issue of the request is shown at; anything about the audience as a whole at the lists. */
    private static String formField(String requestField) {
        return switch (requestField) {
            case "audience.lists" -> "lists";
            case "audience.tags" -> "tags";
            case String field when field.startsWith("audience") -> "audience";
            default -> requestField;
        };
    }

    // --- who may

    private static void requireComposer(SignedInUser user) {
        if (user == null || user.tenantId() == null || !COMPOSERS.contains(user.role())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
