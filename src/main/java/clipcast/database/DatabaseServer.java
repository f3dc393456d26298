package clipcast.database;

/** The database this process talks to: an external one by URL, or the embedded one it started or attached to. */
final class DatabaseServer implements AutoCloseable {

    private final String jdbcUrl;
    private final EmbeddedDatabase embedded;

    private DatabaseServer(String jdbcUrl, EmbeddedDatabase embedded) {
        this.jdbcUrl = jdbcUrl;
        this.embedded = embedded;
    }

    static DatabaseServer from(DatabaseProperties properties) {
        if (!properties.embedded()) {
            return new DatabaseServer(properties.url(), null);
        }
        var embedded = EmbeddedDatabase.startOrAttach(
                properties.dataDir(), properties.embeddedClean(), properties.embeddedDurable());
        return new DatabaseServer(embedded.jdbcUrl(), embedded);
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.release();
        }
    }
}
