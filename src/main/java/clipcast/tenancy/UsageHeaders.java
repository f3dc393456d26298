package clipcast.tenancy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Tells API callers how much of their plan they used this month: {@code X-Clipcast-Usage: used/limit} on every
 * tenant API response, and {@code X-Clipcast-Usage-Warning} with "80%" or "100% - upgrade your plan" past those.
 */
@Configuration(proxyBeanMethods = false)
class UsageHeaders implements WebMvcConfigurer {

    static final String USAGE = "X-Clipcast-Usage";
    static final String WARNING = "X-Clipcast-Usage-Warning";

    private final InteractionMeter meter;

    UsageHeaders(InteractionMeter meter) {
        this.meter = meter;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
                    @Override
                    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                        if (TenantScope.current() instanceof TenantScope.Tenant) {
                            var usage = meter.usage();
                            response.setHeader(USAGE, usage.used() + "/" + usage.limit());
                            switch (usage.level()) {
                                case WARNING -> response.setHeader(WARNING, "80%");
                                case LIMIT_REACHED -> response.setHeader(WARNING, "100% - upgrade your plan");
                                case OK -> {}
                            }
                        }
                        return true;
                    }
                })
                .addPathPatterns("/api/v1/**");
    }
}
