package org.deduplab.store;

import java.util.OptionalLong;

/** What the SQL systems' footprint probes share: their store's connection and the data directory's allocated bytes. */
public abstract class JdbcFootprint<S extends JdbcStore> implements FootprintProbe {
    protected final S store;

    protected JdbcFootprint(S store) {
        this.store = store;
    }

    @Override
    public OptionalLong diskBytes() throws Exception {
        return ServerFiles.of(store.endpoint()).allocatedBytes(null);
    }
}
