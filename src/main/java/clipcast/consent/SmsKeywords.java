package clipcast.consent;

import clipcast.consent.domain.SmsAddress;
import clipcast.consent.domain.SmsKeyword;
import clipcast.tenancy.TenantScope;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answers inbound SMS keywords on a tenant's number: STOP and its synonyms opt the sender out at once (confirmed
 * once: a repeated STOP gets no second reply), HELP answers with brand, frequency, "Msg & data rates may apply"
 * and a support contact, START/YES opts back in, recorded as consent with the keyword as evidence. The delivery
 * module calls {@link #handleInbound} for every message its SMSC delivers and sends back the reply, if any.
 */
@Service
public class SmsKeywords {

    static final String DEFAULT_PURPOSE = "marketing";

    private final SmsNumberRepository numbers;
    private final Consents consents;
    private final ContactDirectory contacts;
    private final MessageSource messages;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SmsKeywords(
            SmsNumberRepository numbers,
            Consents consents,
            ContactDirectory contacts,
            MessageSource messages,
            TransactionTemplate transactions,
            Clock clock) {
        this.numbers = numbers;
        this.consents = consents;
        this.contacts = contacts;
        this.messages = messages;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Registers a number or sender id of the current tenant, with what HELP answers on it.
     *
     * @return false when the number belongs to another tenant
     */
    public boolean registerNumber(String number, String brand, String frequency, String supportContact) {
        var key = numberKey(number);
        var tenant = TenantScope.requireTenant();
        return TenantScope.callAsPlatform(() ->
                numbers.register(new SmsNumberRepository.SmsProgram(tenant, key, brand, frequency, supportContact)));
    }

    /**
     * Handles one inbound SMS. Needs no scope: the number it was sent to says which tenant it is for.
     *
     * @return the reply to send to {@code from}, or empty when there is nothing to answer
     */
    public Optional<String> handleInbound(String from, String to, String text) {
        var keyword = SmsKeyword.of(text);
        var sender = SmsAddress.e164(from);
        if (keyword.isEmpty() || sender.isEmpty() || to == null) {
            return Optional.empty();
        }
        var program = TenantScope.callAsPlatform(() -> numbers.find(numberKey(to)));
        if (program.isEmpty()) {
            return Optional.empty();
        }
        var spelled = SmsKeyword.spelled(text);
        return TenantScope.call(
                program.get().tenant(),
                () -> transactions.execute(status -> switch (keyword.get()) {
                    case STOP -> stop(program.get(), sender.get(), spelled);
                    case START -> start(program.get(), sender.get(), spelled);
                    case HELP ->
                        Optional.of(text(
                                "sms.help",
                                program.get().brand(),
                                program.get().frequency(),
                                program.get().supportContact()));
                }));
    }

    private Optional<String> stop(SmsNumberRepository.SmsProgram program, String phone, String keyword) {
        boolean alreadyOut = consents.suppressionReasons(Channel.SMS, phone).contains(SuppressionReason.UNSUBSCRIBE);
        consents.suppress(Channel.SMS, phone, SuppressionReason.UNSUBSCRIBE, null);
        var evidence = evidence(program, keyword);
        for (var contact : contacts.contactsWithPhone(phone)) {
            consents.withdrawAll(contact, Channel.SMS, ConsentMethod.SMS_KEYWORD, evidence);
        }
        return alreadyOut ? Optional.empty() : Optional.of(text("sms.stop", program.brand()));
    }

    private Optional<String> start(SmsNumberRepository.SmsProgram program, String phone, String keyword) {
        var evidence = evidence(program, keyword);
        var now = clock.instant();
        for (var contact : contacts.contactsWithPhone(phone)) {
            var purposes = consents.current(contact).stream()
                    .filter(current -> current.channel() == Channel.SMS)
                    .map(CurrentConsent::purpose)
                    .toList();
            for (var purpose : purposes.isEmpty() ? java.util.List.of(DEFAULT_PURPOSE) : purposes) {
                consents.recordConfirmed(
                        contact, Channel.SMS, phone, purpose, ConsentMethod.SMS_KEYWORD, evidence, now);
            }
        }
        consents.liftUnsubscribe(Channel.SMS, phone);
        return Optional.of(text("sms.start", program.brand()));
    }

    private Evidence evidence(SmsNumberRepository.SmsProgram program, String keyword) {
        return new Evidence(keyword, null, "sms:" + program.number(), null, null, clock.instant());
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, Locale.ENGLISH);
    }

    /** Numbers in E.164 when they are numbers; alphanumeric sender ids as they are, upper case. */
    static String numberKey(String number) {
        return SmsAddress.e164(number).orElse(number.strip().toUpperCase(Locale.ROOT));
    }
}
