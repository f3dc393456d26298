import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.Signature;
import java.util.concurrent.atomic.LongAdder;

/**
 * RSA-2048 SHA-256 signatures per second on every core, as DKIM signing does them, through the JDK's provider or
 * through Conscrypt (BoringSSL), which Clipcast signs with where its native library loads. Run: java RsaSign.java
 * [seconds] [jdk|conscrypt]; for conscrypt, put its jar on the class path (limits.sh takes it from the Clipcast jar).
 */
public class RsaSign {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Provider provider = args.length > 1 && args[1].equals("conscrypt")
                ? (Provider) Class.forName("org.conscrypt.Conscrypt").getMethod("newProvider").invoke(null)
                : null;
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var generated = generator.generateKeyPair().getPrivate();
        var key = provider == null
                ? generated
                : KeyFactory.getInstance("RSA", provider).generatePrivate(new PKCS8EncodedKeySpec(generated.getEncoded()));
        var payload = new byte[600]; // a DKIM header block is a few hundred bytes
        int threads = Runtime.getRuntime().availableProcessors();
        var count = new LongAdder();
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        long end = warmUntil + seconds * 1_000_000_000L;
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = Thread.ofPlatform().start(() -> {
                try {
                    var signature = provider == null
                            ? Signature.getInstance("SHA256withRSA")
                            : Signature.getInstance("SHA256withRSA", provider);
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
        System.out.printf(
                "jvm_rsa2048_signatures_per_second %.0f (%s, %d threads, Java %s)%n",
                count.sum() / (double) seconds,
                provider == null ? "JDK provider" : provider.getName() + " " + provider.getVersionStr(),
                threads,
                System.getProperty("java.version"));
    }
}
