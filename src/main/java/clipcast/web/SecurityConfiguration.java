package clipcast.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two doors: the API under {@code /api/v1} (stateless, API keys, problems) and everything else (public pages for
 * recipients, the dashboard behind a sign-in form).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    /** Paths a key of scope REDEEM (a till) may use besides FULL keys: validation and redemption. */
    static final String[] REDEEM_PATHS = {"/api/v1/coupons/**", "/api/v1/redemptions/**"};

    /** Pages anyone may open: they are for recipients, not for signed-in users. */
    static final String[] PUBLIC_PAGES = {
        "/",
        "/login",
        "/error",
        "/error/**",
        "/f/**",
        "/confirm/**",
        "/senders/confirm/**",
        "/u/**",
        "/c/**",
        "/o/**",
        "/r/**",
        "/report",
        "/privacy",
        "/hooks/**",
        "/webjars/**",
        "/css/**",
        "/js/**",
        "/favicon.ico",
        "/api/openapi.json",
        "/api/openapi.json/**",
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/prometheus"
    };

    /**
     * No Micrometer observation around each security filter and authorization: they cost about a tenth of the CPU
     * of a till request (measured with JFR on redemptions) and nothing reads them; the request's own
     * {@code http.server.requests} observation stays.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    ProblemResponses problemResponses(ApiProblems problems, JsonMapper json) {
        return new ProblemResponses(problems, json);
    }

    /** The operator's API: HTTP Basic with an operator user's credentials, stateless, role OPERATOR only. */
    @Bean
    @Order(0)
    SecurityFilterChain operatorApi(HttpSecurity http, ProblemResponses responses) throws Exception {
        http.securityMatcher("/api/v1/operator/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint(responses.unauthenticated()))
                .authorizeHttpRequests(authorize -> authorize.anyRequest().hasRole("OPERATOR"))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(responses.unauthenticated())
                        .accessDeniedHandler(responses.forbidden()));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(
            HttpSecurity http,
            Callers callers,
            ProblemResponses responses,
            ApiProblems problems,
            JsonMapper json,
            @Value("${clipcast.api.max-body-size:1MB}") DataSize maxBody,
            @Value("${spring.servlet.multipart.max-request-size:1GB}") DataSize maxUpload)
            throws Exception {
        http.securityMatcher("/api/v1/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(
                        new RequestBodyLimitFilter(maxBody.toBytes(), maxUpload.toBytes(), problems, json),
                        AuthorizationFilter.class)
                .addFilterBefore(new ApiKeyAuthenticationFilter(callers, responses), AuthorizationFilter.class)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.GET, "/api/v1/coupons/**")
                        .hasAnyAuthority("SCOPE_FULL", "SCOPE_REDEEM")
                        .requestMatchers("/api/v1/redemptions/**")
                        .hasAnyAuthority("SCOPE_FULL", "SCOPE_REDEEM")
                        .anyRequest()
                        .hasAuthority("SCOPE_FULL"))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(responses.unauthenticated())
                        .accessDeniedHandler(responses.forbidden()));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, Callers callers) throws Exception {
        // The one-click unsubscribe POST of RFC 8058 comes from mail clients, which carry no CSRF token; the
        // signed token in its path is what authorises it. The preference page's own form stays protected.
        http.csrf(csrf -> csrf.ignoringRequestMatchers("/hooks/**", "/u/*"))
                .addFilterAfter(new SessionScopeFilter(callers), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(PUBLIC_PAGES)
                        .permitAll()
                        .requestMatchers("/operator/**")
                        .hasRole("OPERATOR")
                        .anyRequest()
                        .authenticated())
                .formLogin(form ->
                        form.loginPage("/login").defaultSuccessUrl("/app", true).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
                .headers(headers -> headers.referrerPolicy(
                        referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }
}
