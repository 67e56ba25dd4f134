package org.deduplab.store;

import java.nio.file.Path;
import java.util.Set;
import org.deduplab.layout.Plain;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.StoredDataset;

/** What the lab does to a server, for the tests of each system's package: one place for the steps they share. */
public final class LabWork {
    private LabWork() {}

    /** A store of {@code systemValue} ({@code postgresql:lz4}) at {@code e}, keeping plain files. */
    public static Store open(Endpoint e, String systemValue) {
        return Systems.open(e, new StoreConfig(Systems.variantOf(systemValue), Set.of(Space.FILES)));
    }

    /**
     * EDR of a bulk load of structured_json U0 of {@code size} through the plain layout at {@code e},
     * after checking that {@code systemValue}'s variant took effect.
     */
    public static double variantEdr(Endpoint e, String systemValue, String size, Path cache) throws Exception {
        StoredDataset ds = StoredDataset.materialize(DatasetSpec.of("structured_json", "U0", size, 42), cache);
        try (Store t = open(e, systemValue)) {
            t.provision();
            long before = t.footprint().bytes();
            new Plain().writeAll(t, ds);
            t.footprint().settle();
            t.footprint().checkVariant();
            return (double) ds.logicalBytes() / (t.footprint().bytes() - before);
        }
    }

    /** Everything a run does to a namespace: provision, a fresh target, a bulk load, settle, and a fresh target again. */
    public static void loadAndReset(Endpoint e, Path cache) throws Exception {
        StoredDataset ds = StoredDataset.materialize(DatasetSpec.of("structured_json", "U50", "1MiB", 42), cache);
        try (Store t = Systems.open(e, StoreConfig.plain())) {
            t.provision();
            t.reset();
            new Plain().writeAll(t, ds);
            t.footprint().settle();
            t.reset();
        }
    }
}
