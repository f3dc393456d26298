/** Compliance rules that need no framework: content screening, SMS encoding, quiet hours, the policies. */
package clipcast.compliance.domain;
