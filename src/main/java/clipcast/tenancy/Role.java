package clipcast.tenancy;

/** What a person may do: the first three work inside one tenant, the operator runs the platform. */
public enum Role {
    OWNER,
    MARKETER,
    CASHIER,
    OPERATOR;

    public boolean belongsToTenant() {
        return this != OPERATOR;
    }
}
