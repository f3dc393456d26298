package clipcast.tenancy;

/** A tenant's interactions this calendar month against its plan, and how close to the limit that is. */
public record InteractionUsage(Plan plan, long used, long limit) {

    /** How close to the limit: none yet, 80 % reached, or 100 % reached (time to upgrade). */
    public enum Level {
        OK,
        WARNING,
        LIMIT_REACHED
    }

    public Level level() {
        if (used >= limit) {
            return Level.LIMIT_REACHED;
        }
        return used * 100 >= limit * 80 ? Level.WARNING : Level.OK;
    }

    public int percent() {
        return (int) Math.min(999, used * 100 / Math.max(1, limit));
    }
}
