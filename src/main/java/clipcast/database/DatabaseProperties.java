package clipcast.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Connection settings. An empty {@code url} means the embedded PostgreSQL in {@code dataDir}.
 *
 * @param url JDBC URL of an external PostgreSQL ({@code CLIPCAST_DB_URL}), empty for the embedded one
 * @param user user for the external database
 * @param password password for the external database
 * @param dataDir where the embedded PostgreSQL keeps its files ({@code CLIPCAST_DATA_DIR})
 * @param poolSize connections per process
 * @param embeddedClean start the embedded database from an empty directory (tests)
 * @param embeddedDurable {@code synchronous_commit=on} for the embedded database
 */
@ConfigurationProperties("clipcast.db")
public record DatabaseProperties(
        @DefaultValue("") String url,
        @DefaultValue("") String user,
        @DefaultValue("") String password,
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("20") int poolSize,
        @DefaultValue("false") boolean embeddedClean,
        @DefaultValue("true") boolean embeddedDurable) {

    boolean embedded() {
        return url == null || url.isBlank();
    }
}
