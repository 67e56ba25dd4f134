package org.deduplab.store;

/** A storage variant the server did not apply: the benchmark fails, naming the setting, rather than report its figures. */
public final class VariantNotInEffectException extends IllegalStateException {
    public VariantNotInEffectException(String message) {
        super(message);
    }
}
