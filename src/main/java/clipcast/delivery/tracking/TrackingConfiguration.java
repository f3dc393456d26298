package clipcast.delivery.tracking;

import java.time.Clock;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the tracking servlet at {@code /o/*} and {@code /r/*}, beside Spring MVC's dispatcher. */
@Configuration(proxyBeanMethods = false)
class TrackingConfiguration {

    @Bean
    ServletRegistrationBean<TrackingServlet> trackingServlet(TrackingLinks links, TrackingEvents events, Clock clock) {
        var registration = new ServletRegistrationBean<>(new TrackingServlet(links, events, clock), "/o/*", "/r/*");
        registration.setName("tracking");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
