package org.deduplab.store;

import java.util.Locale;

/** How a system's server runs for the lab: started by it in this machine, in a container, or someone else's. */
public enum ServerMode {
    EXTERNAL,
    CONTAINER,
    EMBEDDED;

    /** Lower case, as endpoints files and messages write it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode written as {@link #id()}. */
    public static ServerMode of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
