import clipcast.delivery.SendOutcome;
import clipcast.delivery.sms.InboundSms;
import clipcast.delivery.sms.OutboundSms;
import clipcast.delivery.sms.SmppSettings;
import clipcast.delivery.sms.SmppTransport;
import clipcast.delivery.sms.TestSmsc;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * submit_sm per second through Clipcast's SMPP transport (one transceiver bind, windowed) to a local jSMPP SMS
 * centre (the one the tests use). Usage: SmppBench MESSAGES SENDERS WINDOW.
 */
public class SmppBench {

    public static void main(String[] args) throws Exception {
        int messages = Integer.parseInt(args[0]);
        int senders = Integer.parseInt(args[1]);
        int window = Integer.parseInt(args[2]);
        try (var smsc = new TestSmsc()) {
            var inbound = new InboundSms() {
                @Override
                public void onMessage(String from, String to, String text) {}

                @Override
                public void onReceipt(String messageId, String state) {}
            };
            var settings = new SmppSettings(
                    "127.0.0.1", smsc.port(), "bench", "bench", "", window, Duration.ofSeconds(10), Duration.ofSeconds(1));
            try (var transport = new SmppTransport(settings, inbound).start()) {
                while (!transport.bound()) {
                    Thread.sleep(50);
                }
                run(transport, Math.min(5_000, messages), senders); // warm-up
                smsc.submitted.clear();
                long start = System.nanoTime();
                int accepted = run(transport, messages, senders);
                double seconds = (System.nanoTime() - start) / 1e9;
                double rate = accepted / seconds;
                System.out.printf("smpp_submit_sm_per_second %.0f (%d accepted of %d in %.2f s, %d senders, window %d, one bind)%n",
                        rate, accepted, messages, seconds, senders, window);
                System.out.printf("ratio_to_target %.2f (target >= 1,000 submit_sm/s per bind)%n", rate / 1000);
                System.out.printf("received_by_smsc %d%n", smsc.submitted.size());
            }
        }
    }

    static int run(SmppTransport transport, int messages, int senders) throws InterruptedException {
        var accepted = new AtomicInteger();
        var next = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(senders)) {
            for (int t = 0; t < senders; t++) {
                pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < messages) {
                        var outcome = transport.send(new OutboundSms(
                                "BAKERY", "+336" + (10_000_000 + i % 89_999_999), "Fresh croissants today, 2 for 1. Reply STOP to opt out"));
                        if (outcome instanceof SendOutcome.Accepted) {
                            accepted.incrementAndGet();
                        }
                    }
                });
            }
        }
        return accepted.get();
    }
}
