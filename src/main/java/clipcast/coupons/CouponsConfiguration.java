package clipcast.coupons;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Code generation jobs are polled on a schedule on every node. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CouponsConfiguration {}
