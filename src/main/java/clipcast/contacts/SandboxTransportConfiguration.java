package clipcast.contacts;

import clipcast.TimeOrderedIds;
import clipcast.tenancy.TenantScope;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sandbox transport for confirmation messages: records what would have been sent. */
@Configuration(proxyBeanMethods = false)
class SandboxTransportConfiguration {

    @Bean
    @ConditionalOnMissingBean(ConfirmationSender.class)
    ConfirmationSender sandboxConfirmationSender(JdbcClient jdbc, Clock clock) {
        return (email, subject, body) -> jdbc.sql("""
                        INSERT INTO sandbox_message (tenant_id, id, channel, recipient, subject, body)
                        VALUES (?, ?, 'EMAIL', ?, ?, ?)""")
                .params(TenantScope.requireTenant().value(), TimeOrderedIds.next(clock), email, subject, body)
                .update();
    }
}
