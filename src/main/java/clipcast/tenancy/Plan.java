package clipcast.tenancy;

/** Plans and the user interactions (impressions, claims, redemptions) they include per calendar month. */
public enum Plan {
    LITE(2_500),
    BRONZE(5_000),
    SILVER(50_000),
    GOLD(250_000);

    private final int monthlyInteractions;

    Plan(int monthlyInteractions) {
        this.monthlyInteractions = monthlyInteractions;
    }

    public int monthlyInteractions() {
        return monthlyInteractions;
    }
}
