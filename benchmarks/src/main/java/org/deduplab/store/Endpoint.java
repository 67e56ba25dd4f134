package org.deduplab.store;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one system under test is and how it runs. The password is never part of
 * {@link #toString()}: endpoints are printed, credentials are not.
 *
 * @param system   lab name of the system, a name of the registry ({@link Systems})
 * @param mode     embedded, external or container
 * @param url      JDBC URL, redis:// URI or http(s):// endpoint
 * @param dataDir  the server's data directory when it is local (for allocated-block figures), else null
 * @param settings server settings that change footprint or speed, recorded with the results
 */
public record Endpoint(
        String system,
        ServerMode mode,
        String url,
        String user,
        String password,
        Path dataDir,
        Map<String, String> settings) {
    @Override
    public String toString() {
        return system + " " + mode.id() + " " + safeUrl() + (user == null || user.isEmpty() ? "" : " user=" + user);
    }

    /** Whether something accepts TCP connections at the endpoint's host and port (within 2 s); false for a URL without them. */
    public static boolean reachable(Endpoint e) {
        Matcher m = Pattern.compile("://(?:[^@/]*@)?([^/:?]+):(\\d+)").matcher(e == null ? "" : e.url());
        if (!m.find()) {
            return false;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2))), 2000);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    /** The URL with any password (userinfo or a password= parameter) masked, for logs and results. */
    public String safeUrl() {
        return url == null
                ? null
                : url.replaceAll("(?i)(password|pwd|secret)=[^&;]*", "$1=***")
                        .replaceAll("://([^/:@]*):[^/@]*@", "://$1:***@");
    }
}
