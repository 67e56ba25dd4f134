package org.deduplab.payloads.gen;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Word-wide writes into byte arrays (the JIT turns these into single stores). */
final class LongBytes {
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private LongBytes() {}

    static void putLongLE(byte[] b, int off, long v) {
        LONG_LE.set(b, off, v);
    }
}
