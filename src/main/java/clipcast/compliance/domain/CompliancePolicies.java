package clipcast.compliance.domain;

import java.util.List;

/**
 * All policies in the order they are asked: the first that blocks decides (so the recorded reason is the most
 * fundamental one: a frozen account before anything, suppression before consent); a deferral is kept while later
 * policies are asked, since a later block still wins over waiting.
 */
public final class CompliancePolicies {

    private final List<Policy> policies;

    public CompliancePolicies(QuietHours quietHours) {
        this.policies = List.of(
                new AccountFrozenPolicy(),
                new SuppressionPolicy(),
                new DoNotCallRegistryPolicy(),
                new RestrictionPolicy(),
                new ObjectionPolicy(),
                new AddressPolicy(),
                new AgePolicy(),
                new ConsentPolicy(),
                new DuplicateContentPolicy(),
                new FrequencyCapPolicy(),
                new QuotaPolicy(),
                new QuietHoursPolicy(quietHours));
    }

    public Decision decide(Recipient recipient, Sending sending) {
        Decision deferred = null;
        for (var policy : policies) {
            switch (policy.decide(recipient, sending)) {
                case Decision.Block block -> {
                    return block;
                }
                case Decision.Defer defer -> deferred = deferred == null ? defer : deferred;
                case Decision.Allow allow -> {}
            }
        }
        return deferred == null ? Decision.allow() : deferred;
    }
}
