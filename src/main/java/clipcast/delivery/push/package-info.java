/**
 * Web Push (RFC 8030) with message encryption (RFC 8291) and VAPID (RFC 8292): each tenant's application server
 * keys, its contacts' browser subscriptions, and {@link clipcast.delivery.push.WebPush}, the transport.
 */
package clipcast.delivery.push;
