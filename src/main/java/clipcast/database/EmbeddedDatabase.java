package clipcast.database;

import com.sun.management.OperatingSystemMXBean;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

/**
 * The PostgreSQL that Clipcast runs itself when no external database is configured.
 *
 * <p>One data directory, one postmaster: a process that finds the postmaster of another live Clipcast process on
 * the same directory attaches to it instead of starting a second one (that is how {@code clipcast demo} works
 * beside a running {@code clipcast serve}). A postmaster left behind by a killed process is stopped and started
 * again under this process. Within one JVM the instance is shared by every Spring context (tests).
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String DATABASE = "clipcast";
    private static final String ROLE = "clipcast";
    private static final Map<Path, EmbeddedDatabase> STARTED_IN_THIS_JVM = new HashMap<>();

    private final EmbeddedPostgres postgres;
    private final int port;
    private final boolean stopWithJvm;
    private int users;

    private EmbeddedDatabase(EmbeddedPostgres postgres, int port, boolean stopWithJvm) {
        this.postgres = postgres;
        this.port = port;
        this.stopWithJvm = stopWithJvm;
    }

    static synchronized EmbeddedDatabase startOrAttach(Path dataDir, boolean clean, boolean durable) {
        var home = dataDir.toAbsolutePath().normalize();
        var known = STARTED_IN_THIS_JVM.get(home);
        if (known != null) {
            known.users++;
            return known;
        }
        var pgData = home.resolve("postgres");
        var database = runningPostmaster(pgData)
                .flatMap(running -> attachOrStop(pgData, running))
                .orElseGet(() -> start(home, pgData, durable, clean));
        if (clean) {
            database.dropDatabase();
        }
        database.createRoleAndDatabase();
        database.users = 1;
        STARTED_IN_THIS_JVM.put(home, database);
        return database;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:%d/%s?user=%s".formatted(port, DATABASE, ROLE);
    }

    /**
     * One user fewer. When the last user of a postmaster this process started is done, it stops; one attached to
     * keeps running for its owner, and a throwaway one (tests) stops with the JVM.
     */
    void release() {
        synchronized (EmbeddedDatabase.class) {
            if (--users > 0 || stopWithJvm) {
                return;
            }
            STARTED_IN_THIS_JVM.values().remove(this);
        }
        close();
    }

    @Override
    public void close() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }

    /**
     * Starts a postmaster. A server stops it when its Spring context closes (after the pool); a throwaway database
     * (tests) outlives every single context and stops when the JVM does, after the last context has closed.
     */
    private static EmbeddedDatabase start(Path home, Path pgData, boolean durable, boolean stopWithJvm) {
        try {
            Files.createDirectories(home);
            var postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(home.resolve("runtime").toFile())
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .setServerConfig("max_connections", "200")
                    // A bulk import writes about a gigabyte of table, index and WAL pages per million rows. With the
                    // defaults (128 MB of buffers, 4 MB of WAL buffers) the importing backend evicted and wrote
                    // 600 MB of pages and wrote WAL itself 100,000 times, a sixth of its CPU time in the kernel;
                    // with these it writes neither, and the writers run beside it (docs/PERFORMANCE.md).
                    .setServerConfig("shared_buffers", sharedBuffersMegabytes() + "MB")
                    .setServerConfig("wal_buffers", "64MB")
                    // Large imports write through several lanes whose transactions are prepared, then committed
                    // together (two-phase commit); each running import holds one per lane beyond the first.
                    .setServerConfig("max_prepared_transactions", "64")
                    .setServerConfig("listen_addresses", "localhost")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(false)
                    .start();
            log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), pgData);
            var database = new EmbeddedDatabase(postgres, postgres.getPort(), stopWithJvm);
            if (stopWithJvm) {
                // Spring runs its shutdown handlers after every context has closed: a JVM hook of our own would
                // race the contexts' shutdown and pull the database from under them.
                SpringApplication.getShutdownHandlers().add(database::close);
            }
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + pgData, e);
        }
    }

    /** An eighth of the machine's memory, between PostgreSQL's default of 128 MB and 1 GB. */
    private static long sharedBuffersMegabytes() {
        long total =
                ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getTotalMemorySize();
        return Math.clamp(total / 8 / (1024 * 1024), 128, 1024);
    }

    private void dropDatabase() {
        try (var c = DriverManager.getConnection(adminUrl());
                var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not reset the embedded database", e);
        }
    }

    private String adminUrl() {
        return "jdbc:postgresql://localhost:%d/postgres?user=postgres".formatted(port);
    }

    private record RunningPostmaster(long pid, int port) {}

    private static Optional<RunningPostmaster> runningPostmaster(Path pgData) {
        var pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(handle -> new RunningPostmaster(pid, port));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Attaches to a postmaster whose owner is alive; stops an orphan so that this process can own a fresh one. */
    private static Optional<EmbeddedDatabase> attachOrStop(Path pgData, RunningPostmaster running) {
        if (ownerIsAlive(pgData)) {
            log.info("Attaching to the embedded PostgreSQL of a running Clipcast on port {}", running.port());
            return Optional.of(new EmbeddedDatabase(null, running.port(), false));
        }
        log.warn("Stopping an orphaned embedded PostgreSQL (pid {}) left by a process that is gone", running.pid());
        ProcessHandle.of(running.pid()).ifPresent(handle -> {
            handle.destroy();
            try {
                handle.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("An orphaned PostgreSQL (pid " + running.pid() + ") did not stop", e);
            }
        });
        return Optional.empty();
    }

    /** The owning process holds a file lock on {@code epg-lock} for as long as it runs the postmaster. */
    private static boolean ownerIsAlive(Path pgData) {
        var lockFile = pgData.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (var channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                var lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return true;
        }
    }

    private void createRoleAndDatabase() {
        try (var c = DriverManager.getConnection(adminUrl());
                var s = c.createStatement()) {
            // The application role owns its tables but is no superuser, so row-level security applies to it.
            try (var rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + ROLE + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE ROLE " + ROLE + " LOGIN NOSUPERUSER NOBYPASSRLS");
                }
            }
            try (var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + DATABASE + " OWNER " + ROLE + " ENCODING 'UTF8'");
                }
            }
        } catch (SQLException e) {
            if (!"42710".equals(e.getSQLState()) && !"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("Could not prepare the embedded database", e);
            }
        }
    }
}
