package org.deduplab.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.deduplab.payloads.BadInputException;
import org.deduplab.provision.Provisioning;
import org.deduplab.store.Store;
import org.deduplab.store.StoreConfig;
import org.deduplab.store.Systems;

/**
 * Before any fork, once the servers are up: every storage variant of the matrix is one its server
 * can run (PostgreSQL's lz4 needs a server built with lz4). A variant that cannot run is left out
 * with one line saying why and what to do; one named explicitly in {@code -p system=} is an error.
 */
final class VariantCheck {
    private VariantCheck() {}

    /** The system values of {@code values} the servers can run, in order. */
    static List<String> runnable(
            List<String> values, Collection<String> explicit, Provisioning servers, PrintStream out) throws Exception {
        List<String> keep = new ArrayList<>();
        for (String value : values) {
            Optional<String> variant = Systems.variantOf(value);
            Optional<String> why = variant.isEmpty() ? Optional.empty() : unavailable(value, variant, servers);
            if (why.isEmpty()) {
                keep.add(value);
            } else if (explicit.contains(value)) {
                throw new BadInputException(why.get() + " (asked for with -p system=" + value + ")");
            } else {
                out.println("  " + why.get());
            }
        }
        if (keep.isEmpty()) {
            throw new BadInputException("no system to benchmark: no server here runs " + String.join(", ", values));
        }
        return keep;
    }

    private static Optional<String> unavailable(String value, Optional<String> variant, Provisioning servers)
            throws Exception {
        try (Store s = Systems.open(servers.endpoints().get(Systems.serverOf(value)), StoreConfig.plain(variant))) {
            return s.footprint().variantUnavailable();
        }
    }
}
