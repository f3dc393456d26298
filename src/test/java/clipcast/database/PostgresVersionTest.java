package clipcast.database;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

class PostgresVersionTest {

    @Test
    void postgresql_16_is_refused_with_a_sentence_naming_the_version() {
        assertThatIllegalStateException()
                .isThrownBy(() -> PostgresVersion.require(160004))
                .withMessageContaining("PostgreSQL 18 or newer")
                .withMessageContaining("16.4");
    }

    @Test
    void postgresql_18_and_later_are_accepted() {
        assertThatCode(() -> PostgresVersion.require(180006)).doesNotThrowAnyException();
        assertThatCode(() -> PostgresVersion.require(190000)).doesNotThrowAnyException();
    }
}
