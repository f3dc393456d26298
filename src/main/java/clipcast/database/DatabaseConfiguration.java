package clipcast.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    /** The pool, wrapped so that every connection carries the tenant scope; closes before the database stops. */
    @Bean(destroyMethod = "close")
    TenantScopedDataSource dataSource(DatabaseProperties properties, DatabaseServer server) {
        var config = new HikariConfig();
        config.setPoolName("clipcast");
        config.setJdbcUrl(server.jdbcUrl());
        if (!properties.embedded()) {
            if (!properties.user().isBlank()) {
                config.setUsername(properties.user());
            }
            if (!properties.password().isBlank()) {
                config.setPassword(properties.password());
            }
        }
        config.setMaximumPoolSize(properties.poolSize());
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "clipcast");
        var pool = new HikariDataSource(config);
        try (var connection = pool.getConnection();
                var statement = connection.createStatement();
                var version = statement.executeQuery("SELECT current_setting('server_version_num')::int")) {
            version.next();
            PostgresVersion.require(version.getInt(1));
        } catch (java.sql.SQLException | RuntimeException e) {
            pool.close();
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
        return new TenantScopedDataSource(pool);
    }

    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(DatabaseProperties properties) {
        return DatabaseServer.from(properties);
    }
}
