package org.deduplab.provision;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.deduplab.payloads.BadInputException;
import org.deduplab.store.StoreSystem;
import org.deduplab.store.Systems;

/**
 * How the user configured one system: {@code DEDUP_<SYS>_URL}, {@code _USER}, {@code _PASSWORD},
 * {@code _MODE} and {@code _DATA_DIR} (where the server's data directory is visible from this machine,
 * for allocated-block figures; optional) from the environment, each overridable by a system property
 * of the same name. The password is kept out of {@link #toString()}.
 */
public record SystemConfig(
        String system, String key, Mode mode, String url, String user, String password, String dataDir) {

    /** Where a system's server comes from. */
    public enum Mode {
        AUTO,
        EXTERNAL,
        CONTAINER,
        EMBEDDED;

        static Mode parse(String value, String variable) {
            if (value == null || value.isBlank()) {
                return AUTO;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(
                        variable + "='" + value + "' is not a mode; valid: external, container, embedded, auto");
            }
        }
    }

    public static SystemConfig load(String system) {
        return load(system, System.getenv(), System.getProperties());
    }

    public static SystemConfig load(String system, Map<String, String> env, Properties props) {
        StoreSystem described = Systems.get(system);
        return new SystemConfig(
                system,
                described.key(),
                Mode.parse(value(described.variable("MODE"), env, props), described.variable("MODE")),
                value(described.variable("URL"), env, props),
                value(described.variable("USER"), env, props),
                value(described.variable("PASSWORD"), env, props),
                value(described.variable("DATA_DIR"), env, props));
    }

    private static String value(String name, Map<String, String> env, Properties props) {
        return setting(name, env, props).orElse(null);
    }

    /** A lab setting: the system property {@code name}, else the environment variable; empty when unset or empty. */
    public static Optional<String> setting(String name, Map<String, String> env, Properties props) {
        String v = props.getProperty(name, env.get(name));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    public String variable(String suffix) {
        return Systems.get(system).variable(suffix);
    }

    @Override
    public String toString() {
        return system + " mode=" + mode.name().toLowerCase(Locale.ROOT) + (url == null ? "" : " url=" + url)
                + (user == null ? "" : " user=" + user) + (password == null ? "" : " password=***");
    }
}
