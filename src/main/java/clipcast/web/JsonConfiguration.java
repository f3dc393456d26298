package clipcast.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JacksonModule;

@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    /** Spring Boot adds every module bean to the application's JSON mapper. */
    @Bean
    JacksonModule textWithoutNul() {
        return TextWithoutNul.module();
    }
}
