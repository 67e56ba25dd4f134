package org.deduplab.provision;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.Appender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The logging that {@link LogSetup} sets up in code, as logback finds it on the class path. */
class LogSetupTest {

    @Test
    void logbackUsesTheLabsSetUp() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        List<String> rootAppenders = new ArrayList<>();
        context.getLogger("ROOT").iteratorForAppenders().forEachRemaining(a -> rootAppenders.add(a.getName()));
        assertThat(rootAppenders).containsExactly("STDERR");
        assertThat(context.getLogger("ROOT").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.apache.kafka").getLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("org.testcontainers.dockerclient").getLevel())
                .isEqualTo(Level.OFF);
    }

    @Test
    void serverLinesAreKeptInMemoryAndOtherInfoIsNot() {
        long since = System.currentTimeMillis();
        String marker = "probe-" + System.nanoTime();
        LoggerFactory.getLogger("io.zonky.test.db.postgres.embedded.EmbeddedPostgres")
                .info("{} from the server", marker);
        LoggerFactory.getLogger("org.deduplab.somewhere").info("{} from the lab", marker);
        assertThat(ServerLogTail.since(since, 50))
                .anySatisfy(l -> assertThat(l).isEqualTo("EmbeddedPostgres: " + marker + " from the server"))
                .noneSatisfy(l -> assertThat(l).contains("from the lab"));
    }

    @Test
    void aUsersOwnConfigurationFileIsLeftToLogback() {
        LoggerContext fresh = new LoggerContext();
        LogSetup setup = new LogSetup();
        setup.setContext(fresh);
        System.setProperty("logback.configurationFile", "/nonexistent/logback.xml");
        try {
            assertThat(setup.configure(fresh)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
            Appender<?> none = fresh.getLogger("ROOT").getAppender("STDERR");
            assertThat(none).isNull();
        } finally {
            System.clearProperty("logback.configurationFile");
        }
        assertThat(setup.configure(fresh)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(fresh.getLogger("ROOT").getAppender("STDERR")).isNotNull();
    }
}
