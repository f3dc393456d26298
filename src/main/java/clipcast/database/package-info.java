/**
 * Where the data lives: the embedded PostgreSQL (or the one named by {@code CLIPCAST_DB_URL}) and the connection
 * pool that carries each caller's tenant scope into the database, where row-level security enforces it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Database")
package clipcast.database;
