/**
 * Feedback from the mail system: delivery status notifications (bounces, RFC 3464) and abuse reports (complaints,
 * RFC 5965) posted to {@code POST /hooks/email/inbound} become delivery events of the message they are about and,
 * for hard bounces and complaints, suppression of its recipient.
 */
package clipcast.delivery.feedback;
