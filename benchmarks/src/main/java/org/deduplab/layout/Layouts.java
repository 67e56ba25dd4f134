package org.deduplab.layout;

import java.util.List;
import org.deduplab.payloads.BadInputException;

/**
 * The registry of storage layouts, in the order matrices and reports list them. Adding a layout
 * means adding its class (a {@link Layout} with its reference technique and dedup promise) and one
 * line here.
 */
public final class Layouts {
    public static final List<Layout> ALL = List.of(new Plain(), new Cas(), new Cdc());

    private Layouts() {}

    /** Every layout's name, the values of {@code -p layout=}. */
    public static List<String> names() {
        return ALL.stream().map(Layout::name).toList();
    }

    /** The layout called {@code name}; an unknown one is an error listing the valid values. */
    public static Layout of(String name) {
        return ALL.stream()
                .filter(l -> l.name().equals(name))
                .findFirst()
                .orElseThrow(() ->
                        new BadInputException("unknown layout '" + name + "'; valid: " + String.join(", ", names())));
    }
}
