/**
 * Tenants, users and their roles, API keys, plans and credits. {@link clipcast.tenancy.TenantScope} is the one
 * place that says whose data the current work may touch.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tenancy")
package clipcast.tenancy;
