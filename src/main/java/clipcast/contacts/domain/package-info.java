/** Contact rules that need no framework: addresses, phone numbers, ages, and reading import files row by row. */
package clipcast.contacts.domain;
