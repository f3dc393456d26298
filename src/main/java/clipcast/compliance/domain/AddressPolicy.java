package clipcast.compliance.domain;

/** No valid address for the channel, no message. */
public final class AddressPolicy implements Policy {

    @Override
    public Decision decide(Recipient recipient, Sending sending) {
        return recipient.addressValid() ? Decision.allow() : new Decision.Block(ReasonCode.INVALID_ADDRESS);
    }
}
