package org.deduplab.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.deduplab.payloads.BadInputException;

/**
 * Everything the lab knows about one system, in one place: its name, the {@code DEDUP_<KEY>_*}
 * variables that configure it, how to open its store, the embedded server and container the lab can
 * start for it, what an external server must grant, and how its footprint is measured. The
 * launcher's matrix, provisioning, preflight, the contract tests and the README's tables are derived
 * from (or checked against) the registry of these, {@link Systems}.
 *
 * @param name          lab name, the value of {@code -p system=}
 * @param key           the SYS part of its variables: {@code DEDUP_<key>_URL} ...
 * @param open          the store for an endpoint, variant and layout spaces
 * @param variants      the system's own storage settings, {@code SYSTEM:VARIANT}
 * @param embedded      the zero set-up server the lab starts itself, if any
 * @param container     the Testcontainers server the lab starts where Docker runs, if any
 * @param grants        what an external server must grant user {@code u}: the GRANT statements or policy
 * @param footprintRule how physicalDeltaBytes is measured and settled, as the README states it
 * @param errors        how its client's exceptions say that credentials, permissions or the address are wrong
 */
public record StoreSystem(
        String name,
        String key,
        BiFunction<Endpoint, StoreConfig, Store> open,
        List<Variant> variants,
        Optional<EmbeddedServer> embedded,
        Optional<ContainerServer<?>> container,
        UnaryOperator<String> grants,
        String footprintRule,
        ServerError.Reader errors) {

    /** {@code DEDUP_<KEY>_<suffix>}, e.g. {@code DEDUP_PG_URL}. */
    public String variable(String suffix) {
        return "DEDUP_" + key + "_" + suffix;
    }

    /** The variant called {@code name}; an unknown one is an error listing the valid values. */
    public Variant variant(String name) {
        return variants.stream()
                .filter(v -> v.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new BadInputException(
                        "unknown variant '" + this.name + ":" + name + "'; valid: " + String.join(", ", values())));
    }

    /** Every value of -p system= for this system: the default, then each variant. */
    public List<String> values() {
        List<String> all = new ArrayList<>(List.of(name));
        variants.forEach(v -> all.add(name + ":" + v.name()));
        return all;
    }

    @Override
    public String toString() {
        return name;
    }
}
