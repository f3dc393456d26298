import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.concurrent.atomic.LongAdder;

/** RSA-2048 SHA-256 signatures per second on every core, as DKIM signing does them. Run: java RsaSign.java [seconds] */
public class RsaSign {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var key = generator.generateKeyPair().getPrivate();
        var payload = new byte[600]; // a DKIM header block is a few hundred bytes
        int threads = Runtime.getRuntime().availableProcessors();
        var count = new LongAdder();
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        long end = warmUntil + seconds * 1_000_000_000L;
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = Thread.ofPlatform().start(() -> {
                try {
                    var signature = Signature.getInstance("SHA256withRSA");
                    while (System.nanoTime() < end) {
                        signature.initSign(key);
                        signature.update(payload);
                        signature.sign();
                        if (System.nanoTime() > warmUntil) {
                            count.increment();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        for (var worker : workers) {
            worker.join();
        }
        System.out.printf("jvm_rsa2048_signatures_per_second %.0f (%d threads, %s)%n",
                count.sum() / (double) seconds, threads, System.getProperty("java.version"));
    }
}
