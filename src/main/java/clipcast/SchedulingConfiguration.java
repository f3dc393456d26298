package clipcast;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Background work (code-generation jobs, meter flushes, and later the outbox) runs in the server only: a one-shot
 * command ({@code clipcast demo}, {@code tenant create}) sets {@code clipcast.workers.enabled=false}, so it never
 * claims a job it would abandon when it exits a moment later.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "clipcast.workers.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {}
