/** The rules of coupons as plain Java: code formats and generation, check characters, redemption decisions. */
package clipcast.coupons.domain;
