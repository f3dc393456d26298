/** The operator console: reviews, freezes, opt-in proof requests, abuse reports and the audit log. */
@org.springframework.modulith.ApplicationModule
package clipcast.operator;
