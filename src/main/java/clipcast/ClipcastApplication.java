package clipcast;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * The application: one process serving the API, the pages and the workers. The jar starts in
 * {@link clipcast.cli.ClipcastCommandLine}, which runs this for {@code serve} and the other commands.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = {"database", "web"})
public class ClipcastApplication {}
