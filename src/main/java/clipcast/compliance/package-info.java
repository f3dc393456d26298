/**
 * The compliance policies (one class per rule, in {@code domain}), content screening and the quiet-hours table.
 * The rules are data under {@code src/main/resources/compliance/}.
 */
@org.springframework.modulith.ApplicationModule
package clipcast.compliance;
