package clipcast.tenancy;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The interaction meter flushes its buffered counts on a schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MeterConfiguration {}
