/** Campaigns, audiences, templates, preflight and staged release. */
@org.springframework.modulith.ApplicationModule
package clipcast.campaigns;
