package clipcast.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /api/openapi.json}: every operation needs a bearer API key. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI clipcastOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Clipcast API")
                        .version("v1")
                        .description("Coupons, contacts with provable consent, and campaigns that cannot spam. "
                                + "Errors are RFC 9457 problems with a machine `code` and per-field `errors`."))
                .components(new Components()
                        .addSecuritySchemes(
                                "apiKey",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("An API key: Authorization: Bearer cc_…")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
