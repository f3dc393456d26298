package clipcast.coupons;

import clipcast.TimeOrderedIds;
import clipcast.tenancy.TenantId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Redeems a hot shared code in groups: concurrent requests for the same shared code queue up, and whichever request
 * finds the code free takes everything queued so far into one transaction, which raises the offer's counter by as
 * many as the cap still allows and writes that many redemptions. The offer row is locked once per group instead of
 * once per request. Exactly-once holds as before: the cap is applied by one conditional statement.
 */
@Component
class HotCodeRedemptions {

    static final int MAX_GROUP = 256;

    private final RedemptionRepository redemptions;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Map<String, HotCode> codes = new ConcurrentHashMap<>();

    private record Pending(RedemptionRequest request, CompletableFuture<Optional<Redemption>> answer) {}

    private static final class HotCode {
        final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
        final ReentrantLock leader = new ReentrantLock();
    }

    HotCodeRedemptions(RedemptionRepository redemptions, TransactionTemplate transactions, Clock clock) {
        this.redemptions = redemptions;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The redemption, or empty when the offer refused it (paused, expired, cap reached, voided). */
    Optional<Redemption> redeem(TenantId tenant, String code, RedemptionRequest request) {
        if (codes.size() > 10_000) {
            codes.clear();
        }
        var hot = codes.computeIfAbsent(tenant + ":" + code, key -> new HotCode());
        var pending = new Pending(request, new CompletableFuture<>());
        hot.queue.add(pending);
        while (true) {
            if (hot.leader.tryLock()) {
                try {
                    while (!pending.answer().isDone()) {
                        runGroup(tenant, code, hot);
                    }
                } finally {
                    hot.leader.unlock();
                }
            }
            try {
                return pending.answer().get(2, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillQueued) {
                // The leader took its group before this request arrived: try to lead the next one.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Grouped redemption failed", e.getCause());
            }
        }
    }

    private void runGroup(TenantId tenant, String code, HotCode hot) {
        var group = new ArrayList<Pending>();
        for (Pending next; group.size() < MAX_GROUP && (next = hot.queue.poll()) != null; ) {
            group.add(next);
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            var requests = group.stream().map(Pending::request).toList();
            var ids = group.stream().map(p -> TimeOrderedIds.next(clock)).toList();
            List<Redemption> granted = transactions.execute(
                    status -> redemptions.redeemShared(tenant, code, ids, requests, clock.instant()));
            var byId = new java.util.HashMap<java.util.UUID, Redemption>();
            granted.forEach(redemption -> byId.put(redemption.id(), redemption));
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer().complete(Optional.ofNullable(byId.get(ids.get(i))));
            }
        } catch (RuntimeException e) {
            group.forEach(p -> p.answer().completeExceptionally(e));
        }
    }
}
