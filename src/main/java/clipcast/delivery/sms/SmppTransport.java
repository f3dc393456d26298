package clipcast.delivery.sms;

import clipcast.delivery.SendOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.util.InvalidDeliveryReceiptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS over SMPP 3.4: one transceiver bind carries submits out and replies and receipts in. Up to {@code window}
 * submits wait for their response at once; a lost bind is re-established after {@code reconnectDelay} while sends
 * answer "retry later". Throttling (ESME_RTHROTTLED, ESME_RMSGQFUL) and timeouts are retried, never counted as sent.
 */
public final class SmppTransport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmppTransport.class);

    private final SmppSettings settings;
    private final InboundSms inbound;
    private final Semaphore window;
    private final AtomicReference<SMPPSession> session = new AtomicReference<>();
    private final AtomicInteger references = new AtomicInteger();
    private final ScheduledExecutorService reconnects =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
    private volatile boolean closed;

    public SmppTransport(SmppSettings settings, InboundSms inbound) {
        this.settings = settings;
        this.inbound = inbound;
        this.window = new Semaphore(Math.max(1, settings.window()));
    }

    /** Binds now; if the SMS centre is unreachable, keeps trying in the background. */
    public SmppTransport start() {
        if (!bind()) {
            scheduleReconnect();
        }
        return this;
    }

    public boolean bound() {
        var current = session.get();
        return current != null && current.getSessionState().isBound();
    }

    public SendOutcome send(OutboundSms sms) {
        var current = session.get();
        if (current == null || !current.getSessionState().isBound()) {
            return new SendOutcome.RetryLater("NOT_BOUND", "No bind to the SMS centre at the moment");
        }
        var parts = SmsParts.of(sms.text(), references.incrementAndGet() & 0xFF);
        var esm = parts.withHeader()
                ? new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT, GSMSpecificFeature.UDHI)
                : new ESMClass();
        var ids = new ArrayList<String>();
        try {
            for (var part : parts.parts()) {
                window.acquire();
                try {
                    var result = current.submitShortMessage(
                            "",
                            sourceTon(sms.from()),
                            NumberingPlanIndicator.UNKNOWN,
                            sms.from(),
                            TypeOfNumber.INTERNATIONAL,
                            NumberingPlanIndicator.ISDN,
                            sms.to().startsWith("+") ? sms.to().substring(1) : sms.to(),
                            esm,
                            (byte) 0,
                            (byte) 1,
                            null,
                            null,
                            new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE),
                            (byte) 0,
                            DataCodings.newInstance(parts.dataCoding()),
                            (byte) 0,
                            part);
                    ids.add(result.getMessageId());
                } finally {
                    window.release();
                }
            }
            return new SendOutcome.Accepted(String.join(",", ids));
        } catch (NegativeResponseException refused) {
            return byCommandStatus(refused.getCommandStatus(), refused.getMessage());
        } catch (ResponseTimeoutException | IOException | InvalidResponseException unanswered) {
            return new SendOutcome.RetryLater("NO_RESPONSE", String.valueOf(unanswered.getMessage()));
        } catch (PDUException malformed) {
            return new SendOutcome.Refused("INVALID_PDU", String.valueOf(malformed.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.RetryLater("INTERRUPTED", "Interrupted while waiting for the window");
        }
    }

    static SendOutcome byCommandStatus(int status, String reason) {
        return switch (status) {
            case SMPPConstant.STAT_ESME_RTHROTTLED, SMPPConstant.STAT_ESME_RMSGQFUL, SMPPConstant.STAT_ESME_RSYSERR ->
                new SendOutcome.RetryLater("0x%02X".formatted(status), reason);
            default -> new SendOutcome.Refused("0x%02X".formatted(status), reason);
        };
    }

    private static TypeOfNumber sourceTon(String from) {
        return from.chars().allMatch(Character::isDigit) || from.startsWith("+")
                ? TypeOfNumber.INTERNATIONAL
                : TypeOfNumber.ALPHANUMERIC;
    }

    private boolean bind() {
        if (closed) {
            return false;
        }
        var fresh = new SMPPSession();
        fresh.setTransactionTimer(settings.responseTimeout().toMillis());
        fresh.setEnquireLinkTimer(30_000);
        fresh.setMessageReceiverListener(new Receiver());
        try {
            fresh.connectAndBind(
                    settings.host(),
                    settings.port(),
                    new BindParameter(
                            BindType.BIND_TRX,
                            settings.systemId(),
                            settings.password(),
                            settings.systemType(),
                            TypeOfNumber.UNKNOWN,
                            NumberingPlanIndicator.UNKNOWN,
                            null));
            fresh.addSessionStateListener((newState, oldState, source) -> {
                if (newState == SessionState.CLOSED && !closed) {
                    log.warn("SMPP bind to {}:{} lost; rebinding", settings.host(), settings.port());
                    scheduleReconnect();
                }
            });
            session.set(fresh);
            log.info("SMPP bound to {}:{} as {}", settings.host(), settings.port(), settings.systemId());
            return true;
        } catch (IOException e) {
            log.warn("SMPP bind to {}:{} failed: {}", settings.host(), settings.port(), e.getMessage());
            fresh.unbindAndClose();
            return false;
        }
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        reconnects.schedule(
                () -> {
                    if (!bind()) {
                        scheduleReconnect();
                    }
                },
                settings.reconnectDelay().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        reconnects.shutdownNow();
        var current = session.getAndSet(null);
        if (current != null) {
            current.unbindAndClose();
        }
    }

    /** Replies and receipts from the SMS centre. */
    private final class Receiver implements MessageReceiverListener {

        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            if (MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
                try {
                    var receipt = deliverSm.getShortMessageAsDeliveryReceipt();
                    inbound.onReceipt(receipt.getId(), receipt.getFinalStatus().name());
                } catch (InvalidDeliveryReceiptException e) {
                    log.warn("Unreadable delivery receipt: {}", e.getMessage());
                }
                return;
            }
            var text = SmsParts.decode(deliverSm.getDataCoding(), deliverSm.getShortMessage());
            inbound.onMessage("+" + deliverSm.getSourceAddr(), deliverSm.getDestAddress(), text);
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {}

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}
