package clipcast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;

class SchedulingConfigurationTest {

    final ApplicationContextRunner contexts =
            new ApplicationContextRunner().withUserConfiguration(SchedulingConfiguration.class);

    @Test
    void a_server_runs_its_background_work() {
        contexts.run(context -> assertThat(context).hasSingleBean(ScheduledAnnotationBeanPostProcessor.class));
    }

    @Test
    void a_one_shot_command_schedules_nothing_it_could_abandon() {
        contexts.withPropertyValues("clipcast.workers.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ScheduledAnnotationBeanPostProcessor.class));
    }
}
