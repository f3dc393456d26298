/** Contacts, their addresses, imports and hosted subscription forms. */
@org.springframework.modulith.ApplicationModule
package clipcast.contacts;
