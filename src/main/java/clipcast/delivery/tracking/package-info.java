/**
 * Open pixels and click redirects: {@link clipcast.delivery.tracking.TrackingLinks} signs the links a rendered
 * message carries, {@code /o/{token}} and {@code /r/{token}} answer them, and the events they record are buffered
 * in memory and written to {@code delivery_event} in batches. Exposed to other modules as the named interface
 * {@code tracking}; only {@code TrackingLinks} is public.
 */
@org.springframework.modulith.NamedInterface("tracking")
package clipcast.delivery.tracking;
