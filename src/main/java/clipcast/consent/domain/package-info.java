/** Consent rules that need no framework: input checks, current state, keywords, hashes and signed tokens. */
package clipcast.consent.domain;
