package clipcast.compliance.domain;

import java.time.Instant;
import java.util.Objects;

/** What a policy decides for one recipient: send, never (with the reason), or later (when, and why). */
public sealed interface Decision permits Decision.Allow, Decision.Block, Decision.Defer {

    record Allow() implements Decision {}

    record Block(ReasonCode reason) implements Decision {
        public Block {
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Defer(Instant until, ReasonCode reason) implements Decision {
        public Defer {
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(reason, "reason");
        }
    }

    static Decision allow() {
        return new Allow();
    }
}
