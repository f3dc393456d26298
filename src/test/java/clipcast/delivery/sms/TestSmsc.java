package clipcast.delivery.sms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.RandomMessageIDGenerator;

/**
 * A real SMPP peer for tests, built on jSMPP's server side: accepts transceiver binds, records every submit_sm,
 * answers with message ids (or "throttled" when told to), and sends replies and receipts to the bound client.
 */
public final class TestSmsc implements AutoCloseable {

    private static TestSmsc shared;

    /** The test JVM's one SMS centre, which the shared application context binds to. */
    public static synchronized TestSmsc shared() {
        if (shared == null) {
            try {
                shared = new TestSmsc();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return shared;
    }

    public record Submitted(SubmitSm pdu, String messageId) {}

    private final SMPPServerSessionListener listener;
    private final int port;
    private final Thread acceptor;
    private final RandomMessageIDGenerator ids = new RandomMessageIDGenerator();
    public final List<Submitted> submitted = new CopyOnWriteArrayList<>();
    final AtomicInteger throttleNext = new AtomicInteger();
    final AtomicInteger binds = new AtomicInteger();
    private final AtomicReference<SMPPServerSession> current = new AtomicReference<>();

    public TestSmsc() throws IOException {
        try (var probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        listener = new SMPPServerSessionListener(port);
        listener.setMessageReceiverListener(new Receiver());
        acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    public int port() {
        return port;
    }

    private void acceptLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                var session = listener.accept();
                Thread.ofVirtual().start(() -> {
                    try {
                        session.waitForBind(5_000).accept("test-smsc");
                        binds.incrementAndGet();
                        current.set(session);
                    } catch (Exception e) {
                        session.close();
                    }
                });
            } catch (IOException closed) {
                return;
            }
        }
    }

    public boolean awaitBinds(int count) throws InterruptedException {
        for (int i = 0; i < 100 && binds.get() < count; i++) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return binds.get() >= count
                && current.get() != null
                && current.get().getSessionState().isBound();
    }

    /** A recipient's reply, as the SMS centre hands it to the bound client. */
    public void deliver(String fromNumber, String to, String text) throws Exception {
        current.get()
                .deliverShortMessage(
                        "",
                        TypeOfNumber.INTERNATIONAL,
                        NumberingPlanIndicator.ISDN,
                        fromNumber,
                        TypeOfNumber.UNKNOWN,
                        NumberingPlanIndicator.UNKNOWN,
                        to,
                        new ESMClass(),
                        (byte) 0,
                        (byte) 0,
                        new RegisteredDelivery(0),
                        DataCodings.ZERO,
                        clipcast.compliance.domain.Gsm7Alphabet.encode(text));
    }

    public void receipt(String messageId, DeliveryReceiptState state) throws Exception {
        var receipt = new DeliveryReceipt(messageId, 1, 1, new Date(), new Date(), state, "000", "");
        current.get()
                .deliverShortMessage(
                        "",
                        TypeOfNumber.INTERNATIONAL,
                        NumberingPlanIndicator.ISDN,
                        "33612345678",
                        TypeOfNumber.UNKNOWN,
                        NumberingPlanIndicator.UNKNOWN,
                        "BAKERY",
                        new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                        (byte) 0,
                        (byte) 0,
                        new RegisteredDelivery(0),
                        DataCodings.ZERO,
                        receipt.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** Drops the client's connection, as a network failure would. */
    void dropConnection() {
        current.getAndSet(null).close();
    }

    @Override
    public void close() throws IOException {
        acceptor.interrupt();
        var session = current.get();
        if (session != null) {
            session.close();
        }
        listener.close();
    }

    private final class Receiver implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
                throws ProcessRequestException {
            if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new ProcessRequestException("throttled", SMPPConstant.STAT_ESME_RTHROTTLED);
            }
            var id = ids.newMessageId();
            submitted.add(new Submitted(submitSm, id.getValue()));
            return new SubmitSmResult(id, new org.jsmpp.bean.OptionalParameter[0]);
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("unsupported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("unsupported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("unsupported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("unsupported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("unsupported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("unsupported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(
                QueryBroadcastSm queryBroadcastSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("unsupported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("unsupported", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}
