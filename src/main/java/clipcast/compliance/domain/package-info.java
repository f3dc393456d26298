/** Compliance rules that need no framework: content screening, SMS encoding, quiet hours, the policies. */
@org.springframework.modulith.NamedInterface("domain")
package clipcast.compliance.domain;
