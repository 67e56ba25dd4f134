package org.deduplab.layout;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.deduplab.payloads.DatasetFile;
import org.deduplab.payloads.Sha256;
import org.deduplab.payloads.analyze.FastCdc;
import org.deduplab.payloads.analyze.Technique;
import org.deduplab.store.Entry;
import org.deduplab.store.Space;
import org.deduplab.store.Store;

/**
 * Content-defined chunks: each file cut with the reference analyzer's FastCDC (2/8/64 KiB,
 * normalization level 2), each distinct chunk once in {@link Space#CHUNKS} under its SHA-256 (hex),
 * and a recipe per file in {@link Space#RECIPES}: its chunks' 32-byte hashes in order. Chunks are
 * written before the recipe, and a chunk already there is skipped by the store (idempotent write).
 */
public record Cdc() implements Layout {
    private static final HexFormat HEX = HexFormat.of();
    private static final int HASH = 32;

    /** One chunk of a file: its hash and bytes. */
    private record Chunk(byte[] hash, byte[] bytes) {
        String key() {
            return HEX.formatHex(hash);
        }
    }

    @Override
    public String name() {
        return "cdc";
    }

    @Override
    public Technique reference() {
        return Technique.CDC_ZSTD;
    }

    @Override
    public Dedup promise() {
        return Dedup.CHUNKS;
    }

    @Override
    public Set<Space> spaces() {
        return Set.of(Space.CHUNKS, Space.RECIPES);
    }

    private static List<Chunk> chunks(byte[] data) {
        List<Chunk> out = new ArrayList<>();
        MessageDigest sha = Sha256.digest();
        FastCdc.chunk(data, (d, off, len) -> {
            sha.update(d, off, len);
            out.add(new Chunk(sha.digest(), Arrays.copyOfRange(d, off, off + len)));
        });
        return out;
    }

    private static byte[] recipe(List<Chunk> chunks) {
        byte[] r = new byte[chunks.size() * HASH];
        for (int i = 0; i < chunks.size(); i++) {
            System.arraycopy(chunks.get(i).hash(), 0, r, i * HASH, HASH);
        }
        return r;
    }

    @Override
    public void write(Store store, DatasetFile file) throws Exception {
        List<Chunk> chunks = chunks(file.bytes());
        for (Chunk c : chunks) {
            store.put(Space.CHUNKS, c.key(), c.bytes());
        }
        store.put(Space.RECIPES, file.name(), recipe(chunks));
    }

    /** Chunks first, in one bulk pass that skips chunks already sent in this load, then every recipe. */
    @Override
    public void writeAll(Store store, Iterable<DatasetFile> files) throws Exception {
        Entries.contentThenReferences(store, files, Space.CHUNKS, Space.RECIPES, f -> {
            List<Chunk> chunks = chunks(f.bytes());
            return new Entries.Split(
                    chunks.stream().map(c -> new Entry(c.key(), c.bytes())).toList(),
                    new Entry(f.name(), recipe(chunks)));
        });
    }

    @Override
    public long count(Store store) throws Exception {
        return store.count(Space.RECIPES);
    }

    /** The file reassembled from its recipe's chunks; empty when the recipe or any chunk is missing. */
    @Override
    public Optional<byte[]> read(Store store, String name) throws Exception {
        Optional<byte[]> recipe = store.get(Space.RECIPES, name);
        if (recipe.isEmpty()) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] r = recipe.get();
        for (int off = 0; off < r.length; off += HASH) {
            Optional<byte[]> chunk = store.get(Space.CHUNKS, HEX.formatHex(r, off, off + HASH));
            if (chunk.isEmpty()) {
                return Optional.empty();
            }
            out.writeBytes(chunk.get());
        }
        return Optional.of(out.toByteArray());
    }

    /** The recipes, then every chunk they name: 1 + the file's chunk count entries per file, batched by the store. */
    @Override
    public Map<String, byte[]> readAll(Store store, List<String> names) throws Exception {
        Map<String, byte[]> recipes = store.getAll(Space.RECIPES, names).values();
        List<String> chunkKeys = new ArrayList<>();
        for (String n : names) {
            byte[] r = recipes.get(n);
            for (int off = 0; r != null && off < r.length; off += HASH) {
                chunkKeys.add(HEX.formatHex(r, off, off + HASH));
            }
        }
        Map<String, byte[]> chunks = store.getAll(Space.CHUNKS, chunkKeys).values();
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String n : names) {
            byte[] r = recipes.get(n);
            if (r != null) {
                assemble(r, chunks::get).ifPresent(bytes -> out.put(n, bytes));
            }
        }
        return out;
    }

    /** A file from its recipe and a lookup of chunks; empty when a chunk is missing. */
    private static Optional<byte[]> assemble(byte[] recipe, Function<String, byte[]> chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int off = 0; off < recipe.length; off += HASH) {
            byte[] c = chunk.apply(HEX.formatHex(recipe, off, off + HASH));
            if (c == null) {
                return Optional.empty();
            }
            out.writeBytes(c);
        }
        return Optional.of(out.toByteArray());
    }

    @Override
    public String missingPart(Store store, String name) throws Exception {
        Optional<byte[]> recipe = store.get(Space.RECIPES, name);
        if (recipe.isEmpty()) {
            return "its recipe";
        }
        byte[] r = recipe.get();
        for (int off = 0; off < r.length; off += HASH) {
            String key = HEX.formatHex(r, off, off + HASH);
            if (store.get(Space.CHUNKS, key).isEmpty()) {
                return "chunk " + key + " (chunk " + (off / HASH + 1) + " of " + r.length / HASH + ")";
            }
        }
        return "nothing (it reads back now)";
    }

    @Override
    public boolean delete(Store store, String name) throws Exception {
        return store.delete(Space.RECIPES, name);
    }

    /** Mark and sweep: a chunk goes when no remaining recipe names it. */
    @Override
    public Expiry expire(Store store, Collection<String> expired, Collection<String> remaining) throws Exception {
        return Expiry.sweep(store, Space.RECIPES, Space.CHUNKS, Cdc::chunkKeys, expired, remaining);
    }

    /** The chunk keys a recipe names, in order. */
    private static List<String> chunkKeys(byte[] recipe) {
        List<String> keys = new ArrayList<>(recipe.length / HASH);
        for (int off = 0; off < recipe.length; off += HASH) {
            keys.add(HEX.formatHex(recipe, off, off + HASH));
        }
        return keys;
    }
}
