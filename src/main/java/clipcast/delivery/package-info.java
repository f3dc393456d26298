/** The outbox, its workers, rate limits, transports and feedback. */
@org.springframework.modulith.ApplicationModule
package clipcast.delivery;
