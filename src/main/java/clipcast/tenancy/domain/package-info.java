/** Tenancy rules that need no framework: key secrets and tenant names. */
package clipcast.tenancy.domain;
