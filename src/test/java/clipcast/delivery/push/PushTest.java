package clipcast.delivery.push;

import clipcast.support.ClipcastTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application, with push endpoints allowed on plain http and on this machine (the test push service
 * listens on 127.0.0.1) and a VAPID contact. Every class with this annotation shares one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ClipcastTest
@TestPropertySource(
        properties = {
            "clipcast.push.allow-insecure-endpoints=true",
            "clipcast.push.subject=mailto:push-test@clipcast.example"
        })
@interface PushTest {}
