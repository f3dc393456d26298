/** The consent ledger, suppression, do-not-call registries, keywords, the preference centre and proof bundles. */
@org.springframework.modulith.ApplicationModule
package clipcast.consent;
