package clipcast.delivery.feedback;

import clipcast.consent.Channel;
import clipcast.consent.Consents;
import clipcast.consent.SuppressionReason;
import clipcast.delivery.Outbox;
import clipcast.delivery.OutboxItem;
import clipcast.delivery.feedback.FeedbackOutcome.MatchedBy;
import clipcast.delivery.feedback.FeedbackOutcome.RecipientOutcome;
import clipcast.delivery.feedback.FeedbackOutcome.Result;
import clipcast.delivery.feedback.FeedbackOutcome.Scope;
import clipcast.delivery.feedback.domain.BounceRules;
import clipcast.delivery.feedback.domain.ComplaintRules;
import clipcast.delivery.feedback.domain.InboundReport;
import clipcast.delivery.feedback.domain.OutboxMessageId;
import clipcast.delivery.feedback.domain.Verdict;
import clipcast.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Acts on a report: finds the message it is about (by the outbox id in the original Message-ID, or, when the report
 * quotes no Message-ID, the email most recently sent to the recipient), records the bounce or complaint on it once,
 * and suppresses the address: a hard bounce for the message's tenant, a complaint for the whole platform. A whole
 * report is one transaction: it is applied completely or not at all.
 */
@Service
class FeedbackReports {

    private static final Logger log = LoggerFactory.getLogger(FeedbackReports.class);

    private final Outbox outbox;
    private final Consents consents;
    private final TransactionTemplate transactions;

    FeedbackReports(Outbox outbox, Consents consents, TransactionTemplate transactions) {
        this.outbox = outbox;
        this.consents = consents;
        this.transactions = transactions;
    }

    FeedbackOutcome bounces(InboundReport.DeliveryStatus report) {
        var outcomes = inOneTransaction(() -> {
            var named = namedMessage(report.originalMessageId());
            boolean soleRecipient = report.recipients().size() == 1;
            var results = new ArrayList<RecipientOutcome>();
            for (var recipient : report.recipients()) {
                var verdict = BounceRules.judge(recipient);
                var reported = new Reported(
                        recipient.reportedRecipient(),
                        recipient.action().isEmpty() ? null : recipient.action(),
                        recipient.status() == null ? null : recipient.status().toString(),
                        null);
                if (verdict instanceof Verdict.NoAction(var reason)) {
                    results.add(reported.noAction(reason));
                    continue;
                }
                var message = report.originalMessageId() != null
                        ? named.filter(found ->
                                        soleRecipient || recipient.addresses().contains(found.address()))
                                .map(found -> new Match(found, MatchedBy.MESSAGE_ID))
                        : latestSentTo(recipient.addresses());
                var detail = recipient.status() + " " + recipient.action()
                        + (recipient.diagnostic() == null ? "" : " " + recipient.diagnostic())
                        + (report.reportingMta() == null ? "" : " (" + report.reportingMta() + ")");
                results.add(message.map(match -> act(match, verdict, detail, reported))
                        .orElseGet(() -> reported.noMessage(
                                eventOf(verdict), noMessageReason(report.originalMessageId(), named))));
            }
            return results;
        });
        logSummary(FeedbackOutcome.DELIVERY_STATUS, outcomes);
        return FeedbackOutcome.processed(FeedbackOutcome.DELIVERY_STATUS, report.originalMessageId(), outcomes);
    }

    FeedbackOutcome complaint(InboundReport.Feedback report) {
        var verdict = ComplaintRules.judge(report.feedbackType());
        if (verdict instanceof Verdict.NoAction(var reason)) {
            return FeedbackOutcome.ignored(FeedbackOutcome.FEEDBACK_REPORT, reason, report.feedbackType());
        }
        var outcomes = inOneTransaction(() -> {
            var named = namedMessage(report.originalMessageId());
            var message = report.originalMessageId() != null
                    ? named.map(found -> new Match(found, MatchedBy.MESSAGE_ID))
                    : latestSentTo(report.reportedRecipients());
            var reported = new Reported(
                    report.reportedRecipients().isEmpty()
                            ? null
                            : report.reportedRecipients().getFirst(),
                    null,
                    null,
                    report.feedbackType());
            var detail = report.feedbackType() + (report.userAgent() == null ? "" : " from " + report.userAgent());
            return List.of(message.map(match -> act(match, verdict, detail, reported))
                    .orElseGet(() ->
                            reported.noMessage(eventOf(verdict), noMessageReason(report.originalMessageId(), named))));
        });
        logSummary(FeedbackOutcome.FEEDBACK_REPORT, outcomes);
        return FeedbackOutcome.processed(FeedbackOutcome.FEEDBACK_REPORT, report.originalMessageId(), outcomes);
    }

    /** Records the event on the message and suppresses its address, in the message's tenant. */
    private RecipientOutcome act(Match match, Verdict verdict, String detail, Reported reported) {
        var message = match.message();
        return TenantScope.call(message.tenant(), () -> {
            var event = eventOf(verdict);
            boolean recorded = outbox.recordEvent(message, event, detail);
            var suppression = suppressionOf(verdict);
            if (suppression != null) {
                consents.suppress(Channel.EMAIL, message.address(), suppression, null);
            }
            return reported.acted(
                    event,
                    recorded,
                    match,
                    suppression == null ? null : suppression.platformWide() ? Scope.PLATFORM : Scope.TENANT);
        });
    }

    private Optional<OutboxItem> namedMessage(String originalMessageId) {
        return OutboxMessageId.in(originalMessageId).flatMap(outbox::handedEmail);
    }

    private Optional<Match> latestSentTo(List<String> addresses) {
        for (var address : addresses) {
            var latest = outbox.latestEmailSentTo(address);
            if (latest.isPresent()) {
                return Optional.of(new Match(latest.get(), MatchedBy.RECIPIENT));
            }
        }
        return Optional.empty();
    }

    private static String noMessageReason(String originalMessageId, Optional<OutboxItem> named) {
        if (originalMessageId == null) {
            return "NO_MESSAGE_TO_RECIPIENT";
        }
        return named.isPresent() ? "NOT_THE_MESSAGE_RECIPIENT" : "NOT_OUR_MESSAGE";
    }

    private static String eventOf(Verdict verdict) {
        return switch (verdict) {
            case Verdict.HardBounce hard -> "HARD_BOUNCE";
            case Verdict.SoftBounce soft -> "SOFT_BOUNCE";
            case Verdict.Complaint complaint -> "COMPLAINT";
            case Verdict.NoAction none -> null;
        };
    }

    private static SuppressionReason suppressionOf(Verdict verdict) {
        return switch (verdict) {
            case Verdict.HardBounce hard -> SuppressionReason.HARD_BOUNCE;
            case Verdict.Complaint complaint -> SuppressionReason.COMPLAINT;
            case Verdict.SoftBounce soft -> null;
            case Verdict.NoAction none -> null;
        };
    }

    /** Reports name messages of any tenant: they are looked up in the platform scope, all in one transaction. */
    private List<RecipientOutcome> inOneTransaction(Supplier<List<RecipientOutcome>> work) {
        return TenantScope.callAsPlatform(() -> transactions.execute(tx -> work.get()));
    }

    private static void logSummary(String type, List<RecipientOutcome> outcomes) {
        log.info(
                "Feedback report {}: {} recipient(s), {} recorded",
                type,
                outcomes.size(),
                outcomes.stream().filter(o -> o.result() == Result.RECORDED).count());
    }

    private record Match(OutboxItem message, MatchedBy matchedBy) {}

    /** What the report says about one recipient, and then what became of it. */
    private record Reported(String address, String action, String status, String feedbackType) {

        RecipientOutcome noAction(String reason) {
            return unacted(null, Result.NO_ACTION, reason);
        }

        RecipientOutcome noMessage(String event, String reason) {
            return unacted(event, Result.NO_MESSAGE, reason);
        }

        RecipientOutcome acted(String event, boolean recorded, Match match, Scope suppressed) {
            var message = match.message();
            return new RecipientOutcome(
                    address == null ? message.address() : address,
                    action,
                    status,
                    feedbackType,
                    event,
                    recorded ? Result.RECORDED : Result.ALREADY_RECORDED,
                    null,
                    message.id(),
                    match.matchedBy(),
                    suppressed);
        }

        private RecipientOutcome unacted(String event, Result result, String reason) {
            return new RecipientOutcome(address, action, status, feedbackType, event, result, reason, null, null, null);
        }
    }
}
