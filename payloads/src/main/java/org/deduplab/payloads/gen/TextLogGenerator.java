package org.deduplab.payloads.gen;

import org.deduplab.payloads.PayloadType;

/**
 * An application log segment: ISO timestamps with millisecond steps, weighted levels, a thread pool,
 * about twenty message templates with ids, durations and trace ids filled in, and the occasional
 * multi-line stack trace. zstd-3 compresses it about 6-10x (band 4x-20x, tested per file), like real
 * service logs; the segment is cut at the exact size as log rotation by size does.
 */
final class TextLogGenerator extends ContentGenerator {
    private static final int MAX_LINE = 2048;
    private static final byte[][] LEVELS =
            ByteSink.asciiAll(" INFO  ", " INFO  ", " INFO  ", " INFO  ", " INFO  ", " DEBUG ", " DEBUG ", " WARN  ");
    private static final byte[] ERROR = ByteSink.ascii(" ERROR ");
    private static final byte[][] THREADS =
            ByteSink.asciiAll("[http-nio-8080-exec-", "[scheduling-", "[kafka-consumer-", "[pool-3-thread-");
    private static final byte[][] LOGGERS = ByteSink.asciiAll(
            "] o.d.shop.OrderService - ",
            "] o.d.shop.PaymentGateway - ",
            "] o.d.shop.InventoryClient - ",
            "] o.d.auth.SessionFilter - ",
            "] o.d.shop.CartController - ",
            "] c.zaxxer.hikari.pool.HikariPool - ",
            "] o.d.search.QueryService - ",
            "] o.d.mail.NotificationSender - ");
    private static final byte[][] MSG_A = ByteSink.asciiAll(
            "Order ",
            "Payment for order ",
            "Reserved stock for order ",
            "Session refreshed for user ",
            "Cart updated for user ",
            "Connection acquired for request ",
            "Search executed for tenant ",
            "Mail queued for customer ",
            "Shipment label created for order ",
            "Cache miss for product ",
            "Retrying call for order ",
            "Invoice rendered for order ");
    private static final byte[][] MSG_B = ByteSink.asciiAll(
            " placed by user ",
            " authorized via provider ",
            " in warehouse ",
            " from region ",
            " with items=",
            " on shard ",
            " results=",
            " template=",
            " carrier=",
            " key=",
            " attempt=",
            " pages=");
    private static final byte[] TOOK = ByteSink.ascii(" took ");
    private static final byte[] MS_TRACE = ByteSink.ascii("ms trace_id=");
    private static final byte[] SPAN = ByteSink.ascii(" span_id=");
    private static final byte[] STACK = ByteSink.ascii("java.net.SocketTimeoutException: Read timed out\n"
            + "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)\n"
            + "\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:314)\n"
            + "\tat java.base/java.net.Socket$SocketInputStream.read(Socket.java:1099)\n"
            + "\tat org.postgresql.core.PGStream.receiveChar(PGStream.java:467)\n"
            + "\tat org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2155)\n"
            + "\tat o.d.shop.PaymentGateway.charge(PaymentGateway.java:142)\n"
            + "\tat o.d.shop.OrderService.place(OrderService.java:88)\n");
    private static final byte[] FAILED = ByteSink.ascii("Request failed for order ");

    TextLogGenerator(long datasetSeed) {
        super(PayloadType.TEXT_LOG, datasetSeed);
    }

    @Override
    public String extension(long ordinal) {
        return "log";
    }

    @Override
    public byte[] content(long ordinal) {
        int size = size(ordinal);
        SplitMix64 r = rng(ordinal, 0x106);
        int year = 2024 + r.nextInt(3);
        int month = 1 + r.nextInt(12);
        int day = 1 + r.nextInt(28);
        long millisOfDay = r.nextInt(86_400_000);
        long traceBase = r.nextLong();
        ByteSink out = new ByteSink(size + MAX_LINE);
        while (out.len < size) {
            long bits = r.nextLong();
            millisOfDay = (millisOfDay + ((bits) & 255)) % 86_400_000;
            out.isoTime(year, month, day, millisOfDay).put('Z');
            boolean error = ((bits >>> 8) & 255) == 0;
            out.put(error ? ERROR : LEVELS[(int) ((bits >>> 16) & 7)]);
            out.put(THREADS[(int) ((bits >>> 19) & 3)]).dec(1 + ((bits >>> 21) & 15));
            int template = (int) (((bits >>> 25) & 0xFF) % MSG_A.length);
            out.put(LOGGERS[template & 7]);
            if (error) {
                out.put(FAILED)
                        .dec(10_000_000 + ((bits >>> 33) & 0xFFFFF))
                        .put('\n')
                        .put(STACK);
                continue;
            }
            out.put(MSG_A[template]).dec(10_000_000 + ((bits >>> 33) & 0xFFFFF));
            out.put(MSG_B[template]).dec((bits >>> 53) & 0x3FF);
            long more = r.nextLong();
            out.put(TOOK).dec((more & 0x3F) + ((more >>> 6) & 1) * ((more >>> 7) & 0x3FF));
            // a request logs several lines under one trace id: a fresh trace every fourth line or so
            if (((more >>> 20) & 3) == 0) {
                traceBase = more;
            }
            out.put(MS_TRACE).hex(traceBase, 16).put(SPAN).hex(more >>> 24, 8).put('\n');
        }
        return out.toArray(size);
    }
}
