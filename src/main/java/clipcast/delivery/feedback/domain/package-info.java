/**
 * Feedback rules that need no framework: reading a report out of a raw message, which messages and addresses it
 * names, what a bounce or a complaint amounts to, and the hook's shared secret.
 */
package clipcast.delivery.feedback.domain;
