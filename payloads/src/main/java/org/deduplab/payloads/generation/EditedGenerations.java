package org.deduplab.payloads.generation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.deduplab.payloads.Dataset;
import org.deduplab.payloads.PayloadType;
import org.deduplab.payloads.gen.ContentGenerator;
import org.deduplab.payloads.gen.SplitMix64;

/**
 * The generations of a generated dataset: generation 1 is the dataset itself, file for file; each
 * next one is the previous edited the way its payload changes in life ({@link Edits}): every file
 * is edited with the change rate's probability, a quarter of that share of files is removed and as
 * many new files are added. A file keeps its name from the generation it appears in until the one
 * that removes it. Everything is a pure function of the dataset's spec, the change rate and the
 * generation, like every dataset: file {@code id} at generation {@code g} is its first content with
 * the edits of the generations that picked it applied in order.
 */
final class EditedGenerations extends Generations {
    private static final long EDIT = 0xED17;
    private static final long REMOVE = 0x4E40;
    private static final long MATERIAL = 0x3A7E;

    private final Dataset base;
    private final PayloadType type;
    private final ChangeRate change;
    private final ContentGenerator fresh;
    private final long seed;
    private final int added;

    EditedGenerations(Dataset base, ChangeRate change) {
        this.base = base;
        this.type = base.spec().type();
        this.change = change;
        this.seed = SplitMix64.mix(
                base.spec().seed(), type.ordinal() + 1, base.spec().grade().percent(), 0x6E6E);
        this.fresh = ContentGenerator.forType(type, seed);
        this.added = (int) Math.round(base.fileCount() * change.turnover());
    }

    /** The files of generation {@code g} (from 1): the dataset's that are left, in their order, then those added since. */
    @Override
    public List<File> files(int g) {
        checkGeneration(g);
        List<File> out = new ArrayList<>();
        long total = base.fileCount() + (long) (g - 1) * added;
        for (long id = 0; id < total; id++) {
            if (alive(id, g)) {
                long file = id;
                out.add(new File(name(id), () -> content(file, g)));
            }
        }
        return out;
    }

    @Override
    public Optional<Integer> count() {
        return Optional.empty();
    }

    /** The generation file {@code id} first appears in. */
    int born(long id) {
        return id < base.fileCount() ? 1 : 2 + (int) ((id - base.fileCount()) / Math.max(1, added));
    }

    /** Whether file {@code id} is part of generation {@code g}: born by then and removed by none of the ones after. */
    boolean alive(long id, int g) {
        int from = born(id);
        if (from > g) {
            return false;
        }
        for (int r = from + 1; r <= g; r++) {
            if (draw(r, id, REMOVE) < change.turnover()) {
                return false;
            }
        }
        return true;
    }

    /** Whether generation {@code r} edits file {@code id} (it is not removed there). */
    boolean edited(long id, int r) {
        return draw(r, id, REMOVE) >= change.turnover() && draw(r, id, EDIT) < change.fraction();
    }

    String name(long id) {
        return id < base.fileCount()
                ? base.name((int) id)
                : String.format(Locale.ROOT, "%07d.%s", id, fresh.extension(id));
    }

    byte[] content(long id, int g) throws IOException {
        byte[] b = id < base.fileCount() ? base.content((int) id) : fresh.content(id);
        for (int r = born(id) + 1; r <= g; r++) {
            if (edited(id, r)) {
                long pick = SplitMix64.mix(seed, EDIT, r, id);
                b = Edits.edit(type, b, new SplitMix64(pick), fresh.content(materialOrdinal(r, id)));
            }
        }
        return b;
    }

    /** An ordinal of the fresh generator that no added file uses: new material for an edit. */
    private static long materialOrdinal(int r, long id) {
        return (1L << 40) + (SplitMix64.mix(MATERIAL, r, id) & ((1L << 40) - 1));
    }

    /** A uniform draw in [0, 1) for generation {@code r}, file {@code id} and one purpose. */
    private double draw(int r, long id, long purpose) {
        return (SplitMix64.mix(seed, purpose, r, id) >>> 11) * 0x1.0p-53;
    }
}
