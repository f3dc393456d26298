/** The compliance policies (one class per rule), content screening and the quiet-hours table. */
@org.springframework.modulith.ApplicationModule
package clipcast.compliance;
