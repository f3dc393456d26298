package clipcast.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/** A parsed command line. Parsing never throws: a line it cannot read is a {@link Usage} with the reason. */
sealed interface Command {

    /** Options every command takes: where the embedded database lives. */
    record Common(Optional<String> dataDir) {}

    record Serve(Common common, Optional<Integer> port, boolean demo) implements Command {}

    record Demo(Common common) implements Command {}

    record TenantCreate(Common common, String name, String plan) implements Command {}

    record UserCreate(Common common, String email, String role, Optional<String> tenantSlug) implements Command {}

    record DbMigrate(Common common) implements Command {}

    /** Help asked for (no error) or a line that could not be read (error names what). */
    record Usage(Optional<String> error) implements Command {}

    static Command parse(String... args) {
        if (args.length == 0) {
            return new Usage(Optional.empty());
        }
        var words = new ArrayList<String>();
        var options = new HashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            var arg = args[i];
            if (arg.equals("--demo") || arg.equals("--help") || arg.equals("-h")) {
                options.put(arg.replaceFirst("^-+", ""), "true");
            } else if (arg.startsWith("--")) {
                var eq = arg.indexOf('=');
                if (eq > 0) {
                    options.put(arg.substring(2, eq), arg.substring(eq + 1));
                } else if (i + 1 < args.length) {
                    options.put(arg.substring(2), args[++i]);
                } else {
                    return usage("Option " + arg + " needs a value");
                }
            } else {
                words.add(arg);
            }
        }
        if (options.containsKey("help") || options.containsKey("h")) {
            return new Usage(Optional.empty());
        }
        var common = new Common(Optional.ofNullable(options.remove("data-dir")));
        var verb = String.join(" ", words);
        try {
            Command command = switch (verb) {
                case "serve" ->
                    new Serve(common, optionalInt(options.remove("port"), "--port"), options.remove("demo") != null);
                case "demo" -> new Demo(common);
                case "tenant create" ->
                    new TenantCreate(
                            common, required(options.remove("name"), "--name"), options.getOrDefault("plan", "LITE"));
                case "user create" ->
                    new UserCreate(
                            common,
                            required(options.remove("email"), "--email"),
                            required(options.remove("role"), "--role"),
                            Optional.ofNullable(options.remove("tenant")));
                case "db migrate" -> new DbMigrate(common);
                case "help" -> new Usage(Optional.empty());
                default -> throw new IllegalArgumentException("Unknown command: " + verb);
            };
            options.remove("plan");
            if (!options.isEmpty()) {
                return usage("Unknown option --" + options.keySet().iterator().next() + " for " + verb);
            }
            return command;
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
    }

    private static Usage usage(String error) {
        return new Usage(Optional.of(error));
    }

    private static String required(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing " + option);
        }
        return value;
    }

    private static Optional<Integer> optionalInt(String value, String option) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return Optional.of(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a port number (0-65535), not " + value);
        }
    }

    /** Spring arguments for the options of this command: they win over every configuration file. */
    static List<String> springArguments(Common common) {
        var arguments = new ArrayList<String>();
        common.dataDir().ifPresent(dir -> arguments.add("--clipcast.db.data-dir=" + dir));
        return arguments;
    }

    static List<String> usageLines() {
        return List.of(
                "Usage: clipcast <command> [options]",
                "  serve [--port N] [--data-dir DIR] [--demo]   run the server (with --demo: create demo data first)",
                "  demo [--data-dir DIR]                        create or refresh the demo tenant, print its API key",
                "  tenant create --name NAME [--plan PLAN]      create a tenant (LITE, BRONZE, SILVER, GOLD), print its API key",
                "  user create --email E --role ROLE [--tenant SLUG]  create a user (OWNER, MARKETER, CASHIER, OPERATOR)",
                "  db migrate [--data-dir DIR]                  bring the database schema up to date",
                "Without CLIPCAST_DB_URL the embedded PostgreSQL in ./data (or --data-dir, CLIPCAST_DATA_DIR) is used;",
                "commands other than serve attach to it while a server runs on the same directory.");
    }
}
