package org.deduplab.provision;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a fork asks the launcher to empty a server's caches before a cold restore: the launcher owns
 * the servers and their pids (a fork cannot restart one, and the run record must name the new pid),
 * so it listens on a Unix socket in the run's private directory (mode 0700: only this user reaches
 * it, nothing on the network) and a fork sends one line, {@code empty <server>}, and waits for
 * {@code ok <what was done>} or {@code error <why>}. The socket's path reaches the forks as
 * {@value #PROPERTY}.
 */
public final class CacheControl implements AutoCloseable {
    public static final String PROPERTY = "dedup.cacheControl";
    private static final String EMPTY = "empty ";

    private final ServerSocketChannel channel;
    private final Path socket;

    private CacheControl(ServerSocketChannel channel, Path socket) {
        this.channel = channel;
        this.socket = socket;
    }

    /** Listens in {@code servers}' run directory and serves each request on a thread of its own, one at a time. */
    public static CacheControl serve(Provisioning servers) throws IOException {
        Path socket = servers.dir().resolve("caches.sock").toAbsolutePath();
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(socket));
        CacheControl c = new CacheControl(channel, socket);
        Thread t = new Thread(() -> c.acceptAll(servers), "dedup-lab-cache-control");
        t.setDaemon(true);
        t.start();
        return c;
    }

    /** The forks' JVM argument. */
    public String forkArgument() {
        return "-D" + PROPERTY + "=" + socket;
    }

    private void acceptAll(Provisioning servers) {
        while (channel.isOpen()) {
            try (SocketChannel client = channel.accept()) {
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
                String line = String.valueOf(in.readLine());
                String reply;
                try {
                    if (!line.startsWith(EMPTY)) {
                        throw new IllegalArgumentException(
                                "unknown request '" + line + "'; valid: " + EMPTY + "SERVER");
                    }
                    reply = "ok "
                            + servers.emptyCaches(line.substring(EMPTY.length()).strip());
                } catch (Exception e) {
                    reply = "error " + e.getMessage();
                }
                OutputStream out = Channels.newOutputStream(client);
                out.write((reply.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                // a fork that went away mid-request: the next one is served
            }
        }
    }

    /**
     * In a fork: has the launcher empty the caches of {@code server} and the OS page cache; returns
     * what was done, or fails with the launcher's reason.
     */
    public static String empty(String server) throws IOException {
        String path = System.getProperty(PROPERTY);
        if (path == null) {
            throw new IllegalStateException("cache=cold needs the launcher that started the servers (no -D" + PROPERTY
                    + "): run through java -jar benchmarks.jar");
        }
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            Channels.newOutputStream(ch).write((EMPTY + server + "\n").getBytes(StandardCharsets.UTF_8));
            String reply = new BufferedReader(
                            new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8))
                    .readLine();
            if (reply == null || !reply.startsWith("ok ")) {
                throw new IllegalStateException("emptying the caches of " + server + " failed: "
                        + (reply == null
                                ? "the launcher closed the connection"
                                : reply.substring(reply.indexOf(' ') + 1)));
            }
            return reply.substring(3);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(socket);
    }
}
