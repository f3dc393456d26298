/** Data-subject requests, retention and the breach register. */
@org.springframework.modulith.ApplicationModule
package clipcast.privacy;
