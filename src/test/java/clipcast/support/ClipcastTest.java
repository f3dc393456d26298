package clipcast.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port against the test JVM's one embedded PostgreSQL. Every test class with
 * this annotation shares one Spring context; tests keep apart by each making its own tenants. Campaign email goes
 * to the JVM's one GreenMail server ({@link TestSmtp}); SMS and push go to the sandbox.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestSmtp.class)
public @interface ClipcastTest {}
