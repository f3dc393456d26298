/** The {@code clipcast} commands: serve, demo, tenant create, user create, db migrate. */
@org.springframework.modulith.ApplicationModule(displayName = "Command line")
package clipcast.cli;
