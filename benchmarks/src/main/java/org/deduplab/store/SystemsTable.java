package org.deduplab.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The README's table of systems, derived from the registry: a test keeps the README equal to it, so
 * a system added to {@link Systems} shows up in the documentation with its variables, servers,
 * footprint rule and grants.
 */
public final class SystemsTable {
    private SystemsTable() {}

    /** The markdown table, one row per system in registry order. */
    public static List<String> markdown() {
        List<String> lines = new ArrayList<>();
        lines.add(
                "| system | variables | servers the lab starts | footprint (physicalDeltaBytes) | needs from an external server |");
        lines.add("|---|---|---|---|---|");
        for (StoreSystem s : Systems.ALL) {
            String servers = (s.embedded().isPresent() ? "embedded" : "")
                    + s.container()
                            .map(c -> (s.embedded().isPresent() ? "; " : "") + "container `" + c.image() + "`")
                            .orElse("");
            lines.add("| " + s.name() + " | `" + s.variable("*") + "` | " + servers + " | " + s.footprintRule() + " | "
                    + "`" + s.grants().apply("<user>").replace("|", "\\|") + "` |");
        }
        return lines;
    }
}
