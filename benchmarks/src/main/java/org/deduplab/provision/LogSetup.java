package org.deduplab.provision;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;
import org.deduplab.store.Housekeeping;
import org.deduplab.store.Systems;

/**
 * The lab's logging, set up in code (found by logback through {@code META-INF/services}) instead of
 * a {@code logback.xml}: every JMH fork logs (drivers, Netty, OkHttp), and reading the XML made its
 * first log call cost 250-310 ms; set up like this, 139-163 ms (five fresh JVMs each, with the forks'
 * class-data sharing archive). A user's own {@code -Dlogback.configurationFile} still wins.
 * <ul>
 * <li>WARN and above go to stderr;</li>
 * <li>the embedded servers' own chatter (each system's {@link Housekeeping#loggers()}) stays off the
 * console but is kept in memory at INFO ({@link ServerLogTail}), so a start that fails is reported with
 * what the server itself said;</li>
 * <li>Docker discovery failing is normal where there is no Docker (the launcher prints one skip
 * line instead), and the Kafka client warns on every reconnect to a broker that is away (the run
 * counts and reports send errors instead).</li>
 * </ul>
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY; // the user's file, read by logback's own configurator
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr(context));
        ServerLogTail tail = new ServerLogTail();
        tail.setContext(context);
        tail.setName("SERVER_TAIL");
        tail.start();
        for (String name : serverLoggers()) {
            Logger server = context.getLogger(name);
            server.setLevel(Level.INFO);
            server.addAppender(tail);
        }
        context.getLogger("org.testcontainers.dockerclient").setLevel(Level.OFF);
        context.getLogger("org.apache.kafka").setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The embedded servers' libraries' loggers, from the registry ({@link Housekeeping#loggers()}). */
    static List<String> serverLoggers() {
        return Systems.ALL.stream()
                .flatMap(s -> s.housekeeping().loggers().stream())
                .toList();
    }

    private static ConsoleAppender<ILoggingEvent> stderr(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n");
        encoder.start();
        ThresholdFilter warn = new ThresholdFilter();
        warn.setLevel("WARN");
        warn.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.addFilter(warn);
        appender.start();
        return appender;
    }
}
