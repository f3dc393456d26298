package clipcast.tenancy;

public enum TenantStatus {
    ACTIVE,
    FROZEN,
    DEACTIVATED
}
