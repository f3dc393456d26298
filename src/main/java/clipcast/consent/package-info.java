/**
 * The consent ledger, suppression, do-not-call registries, keywords, the preference centre and proof bundles.
 * {@link clipcast.consent.Consents} is the API; {@link clipcast.consent.SmsKeywords} answers inbound SMS.
 */
@org.springframework.modulith.ApplicationModule
package clipcast.consent;
