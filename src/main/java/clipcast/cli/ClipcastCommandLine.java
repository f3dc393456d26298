package clipcast.cli;

import clipcast.ClipcastApplication;
import java.io.PrintStream;
import java.util.HashMap;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The {@code clipcast} command line. */
public final class ClipcastCommandLine {

    /** The status of a command that has started a server and must not end the JVM. */
    public static final int KEEP_RUNNING = -1;

    private ClipcastCommandLine() {}

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != KEEP_RUNNING) {
            System.exit(status);
        }
    }

    /** Runs one command; returns its exit status (0 done, 1 failed, 2 not understood) or {@link #KEEP_RUNNING}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        var command = Command.parse(args);
        return switch (command) {
            case Command.Usage(var error) -> {
                error.ifPresent(message -> err.println("clipcast: " + message));
                Command.usageLines().forEach(error.isPresent() ? err::println : out::println);
                yield error.isPresent() ? 2 : 0;
            }
            case Command.Serve serve -> serve(serve, out);
            default -> runOnce(command, out, err);
        };
    }

    private static int serve(Command.Serve serve, PrintStream out) {
        var arguments = Command.springArguments(serve.common());
        serve.port().ifPresent(port -> arguments.add("--server.port=" + port));
        var context = new SpringApplicationBuilder(ClipcastApplication.class).run(arguments.toArray(String[]::new));
        var commands = context.getBean(Commands.class);
        if (serve.demo()) {
            commands.demo(out);
        }
        commands.printWhereToLook(out);
        // The web server keeps the JVM alive; a SIGTERM closes the context, and with it the embedded database.
        return KEEP_RUNNING;
    }

    private static int runOnce(Command command, PrintStream out, PrintStream err) {
        var properties = new HashMap<String, Object>();
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.put("clipcast.workers.enabled", "false");
        var common = switch (command) {
            case Command.Demo demo -> demo.common();
            case Command.TenantCreate create -> create.common();
            case Command.UserCreate create -> create.common();
            case Command.DbMigrate migrate -> migrate.common();
            default -> throw new IllegalStateException("not a one-shot command: " + command);
        };
        try (var context = new SpringApplicationBuilder(ClipcastApplication.class)
                .web(WebApplicationType.NONE)
                .properties(properties)
                .run(Command.springArguments(common).toArray(String[]::new))) {
            var commands = context.getBean(Commands.class);
            return switch (command) {
                case Command.Demo demo -> commands.demo(out);
                case Command.TenantCreate create -> commands.createTenant(create, out, err);
                case Command.UserCreate create -> commands.createUser(create, out, err);
                case Command.DbMigrate migrate -> commands.migrated(out);
                default -> 2;
            };
        } catch (RuntimeException e) {
            err.println("clipcast: " + rootMessage(e));
            return 1;
        }
    }

    private static String rootMessage(Throwable e) {
        var root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
