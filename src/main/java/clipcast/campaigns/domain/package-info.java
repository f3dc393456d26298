/** Campaign rules free of frameworks: templates, states, staged release, sender rules. */
package clipcast.campaigns.domain;
