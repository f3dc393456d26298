package clipcast.database;

/**
 * The oldest PostgreSQL Clipcast runs on: 18, for {@code uuidv7()} and {@code RETURNING old/new}. An older server
 * is refused at start-up with a sentence saying so, not with a failed statement in the middle of an import.
 */
final class PostgresVersion {

    static final int REQUIRED = 180000;

    private PostgresVersion() {}

    static void require(int serverVersionNum) {
        if (serverVersionNum < REQUIRED) {
            throw new IllegalStateException("Clipcast needs PostgreSQL 18 or newer; the database at CLIPCAST_DB_URL is "
                    + (serverVersionNum / 10000) + "." + (serverVersionNum % 10000));
        }
    }
}
