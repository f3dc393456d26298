package clipcast.campaigns;

/**
 * The tenant's identity in every message's footer and its own frequency caps per channel (null: the platform's).
 *
 * @param contactEmail the tenant's true email, the Reply-To of every email
 */
public record SenderProfile(
        String legalName,
        String postalAddress,
        String contactEmail,
        Integer emailCap,
        Integer smsCap,
        Integer pushCap) {

    Integer cap(String channel) {
        return switch (channel) {
            case "EMAIL" -> emailCap;
            case "SMS" -> smsCap;
            default -> pushCap;
        };
    }
}
