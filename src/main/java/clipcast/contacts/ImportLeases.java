package clipcast.contacts;

import clipcast.tenancy.TenantId;
import clipcast.tenancy.TenantScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Who still has a running import. The node that took a file holds its import (queued or running) and renews the
 * lease of every import it holds; whichever node looks next fails an import whose lease ran out, since its node was
 * killed or cut off and its transaction, all or nothing, kept nothing. Without this such an import would show
 * RUNNING for ever. The same pass ends the prepared lanes that an import's node left behind ({@link PreparedLanes}).
 */
@Component
class ImportLeases {

    private static final Logger log = LoggerFactory.getLogger(ImportLeases.class);

    record Held(TenantId tenant, UUID id) {}

    private final ImportRepository imports;
    private final Clock clock;
    private final Duration lease;
    private final Set<Held> held = ConcurrentHashMap.newKeySet();
    private final PreparedLanes lanes;

    ImportLeases(
            ImportRepository imports,
            PreparedLanes lanes,
            Clock clock,
            @Value("${clipcast.imports.lease:2m}") Duration lease) {
        this.imports = imports;
        this.lanes = lanes;
        this.clock = clock;
        this.lease = lease;
    }

    /** When the lease of an import taken now runs out, unless this node renews it. */
    Instant firstLeaseEnd() {
        return clock.instant().plus(lease);
    }

    void hold(TenantId tenant, UUID id) {
        held.add(new Held(tenant, id));
    }

    void release(TenantId tenant, UUID id) {
        held.remove(new Held(tenant, id));
    }

    /** Renews often enough that a lease never runs out while its node lives: three renewals a lease. */
    @Scheduled(
            fixedDelayString = "${clipcast.imports.lease-renewal:20s}",
            initialDelayString = "${clipcast.imports.lease-renewal:20s}")
    void scheduled() {
        try {
            renewAndFailAbandoned();
        } catch (RuntimeException e) {
            log.warn("Import leases could not be renewed; they are tried again shortly: {}", e.toString());
        }
    }

    /** One pass: this node's leases renewed, then imports of nodes that stopped renewing failed. */
    int renewAndFailAbandoned() {
        var mine = new ArrayList<>(held);
        var now = clock.instant();
        return TenantScope.callAsPlatform(() -> {
            if (!mine.isEmpty()) {
                imports.renewLeases(
                        mine.stream().map(Held::tenant).toList(),
                        mine.stream().map(Held::id).toList(),
                        now.plus(lease));
            }
            int abandoned = imports.failAbandoned(now);
            if (abandoned > 0) {
                log.warn("Failed {} import(s) whose node stopped renewing their lease", abandoned);
            }
            if (lanes.available()) {
                lanes.resolveOrphans();
            }
            return abandoned;
        });
    }
}
