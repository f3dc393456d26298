/**
 * Shared web plumbing: security filter chains, RFC 9457 problem responses, the error page and the page layout.
 * Modules own their controllers; this package knows no module, it is told who a caller is through {@link
 * clipcast.web.Callers}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package clipcast.web;
