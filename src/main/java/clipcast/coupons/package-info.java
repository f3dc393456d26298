/** Offers, code generation, issue, validation, redemption, coupon pages and impressions. */
@org.springframework.modulith.ApplicationModule
package clipcast.coupons;
