package clipcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandTest {

    @Test
    void serve_reads_port_data_dir_and_demo() {
        var command = Command.parse("serve", "--port", "9090", "--data-dir=/tmp/x", "--demo");

        assertThat(command)
                .isEqualTo(new Command.Serve(new Command.Common(Optional.of("/tmp/x")), Optional.of(9090), true));
    }

    @Test
    void tenant_create_needs_a_name_and_takes_a_plan() {
        assertThat(Command.parse("tenant", "create", "--name", "Bakery", "--plan", "GOLD"))
                .isEqualTo(new Command.TenantCreate(new Command.Common(Optional.empty()), "Bakery", "GOLD"));
        assertThat(Command.parse("tenant", "create")).isInstanceOf(Command.Usage.class);
    }

    @Test
    void unknown_commands_options_and_bad_ports_are_usage_errors_that_say_what() {
        assertThat(((Command.Usage) Command.parse("launch", "rockets")).error())
                .hasValueSatisfying(message -> assertThat(message).contains("launch rockets"));
        assertThat(((Command.Usage) Command.parse("serve", "--colour", "red")).error())
                .hasValueSatisfying(message -> assertThat(message).contains("--colour"));
        assertThat(((Command.Usage) Command.parse("serve", "--port", "http")).error())
                .hasValueSatisfying(message -> assertThat(message).contains("port"));
        assertThat(((Command.Usage) Command.parse("serve", "--port")).error()).isPresent();
    }

    @Test
    void no_arguments_or_help_print_usage_without_error() {
        assertThat(Command.parse()).isEqualTo(new Command.Usage(Optional.empty()));
        assertThat(Command.parse("--help")).isEqualTo(new Command.Usage(Optional.empty()));
    }
}
