/**
 * Web Push without a framework: P-256 keys, message encryption (RFC 8291, content coding aes128gcm of RFC 8188),
 * VAPID tokens (RFC 8292), what a subscription must look like, and what a push service's answer means.
 */
package clipcast.delivery.push.domain;
