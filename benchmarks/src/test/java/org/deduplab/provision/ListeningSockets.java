package org.deduplab.provision;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The TCP sockets a process listens on, read from /proc/net/tcp and /proc/net/tcp6 (matched by socket inode). */
public final class ListeningSockets {
    /** One listening socket: its local address and port. */
    public record Socket(InetAddress address, int port) {
        public boolean loopback() {
            byte[] a = address.getAddress();
            boolean mappedV4 = a.length == 16
                    && Arrays.equals(
                            Arrays.copyOf(a, 12), new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff});
            return address.isLoopbackAddress() || (mappedV4 && a[12] == 127);
        }

        @Override
        public String toString() {
            return address.getHostAddress() + ":" + port;
        }
    }

    private ListeningSockets() {}

    /** Every socket in state LISTEN that process {@code pid} holds. */
    public static List<Socket> of(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        }
        List<Socket> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && inodes.contains(f[9])) { // 0A = TCP_LISTEN
                    String[] local = f[1].split(":");
                    out.add(new Socket(InetAddress.getByAddress(address(local[0])), Integer.parseInt(local[1], 16)));
                }
            }
        }
        return out;
    }

    /** /proc/net prints an address as 32-bit words in host (little-endian) order. */
    private static byte[] address(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int word = 0; word < b.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                b[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return b;
    }
}
