package clipcast.delivery.push;

import clipcast.support.ClipcastTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole application; the test profile allows push endpoints on plain http and on this machine (the test push
 * service listens on 127.0.0.1) and sets a VAPID contact. Shares the one Spring context of {@link ClipcastTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ClipcastTest
@interface PushTest {}
