package clipcast.delivery;

/**
 * Where a campaign's messages are: how many are held back (staged release), waiting, being sent, sent, failed or
 * cancelled, and what came back from the sent ones.
 */
public record CampaignDelivery(
        long held,
        long queued,
        long sending,
        long sent,
        long failed,
        long cancelled,
        long hardBounces,
        long softBounces,
        long complaints,
        long unsubscribes,
        long opens,
        long clicks) {

    /** Nothing left to send: everything is sent, failed or cancelled. */
    public boolean settled() {
        return held == 0 && queued == 0 && sending == 0;
    }
}
