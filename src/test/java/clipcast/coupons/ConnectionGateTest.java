package clipcast.coupons;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionGateTest {

    @Test
    void two_till_requests_per_core_unless_configured_and_never_the_whole_pool() {
        assertThat(ConnectionGate.permits(20, 0, 2)).isEqualTo(4);
        assertThat(ConnectionGate.permits(20, 10, 2)).isEqualTo(10);
        assertThat(ConnectionGate.permits(20, 0, 16)).isEqualTo(16);
        assertThat(ConnectionGate.permits(8, 0, 16)).isEqualTo(4);
        assertThat(ConnectionGate.permits(3, 0, 2)).isEqualTo(1);
    }
}
