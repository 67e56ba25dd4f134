package org.deduplab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import org.deduplab.payloads.DirectoryCorpus;

/**
 * Two more LZ compressors per file, for {@code analyze --codecs}: deflate level 6 (gzip's default,
 * Huffman-coded) and lz4's fast mode (no entropy coding), so a mimic is held to compressors other than
 * the zstd it was not tuned on. Ratio = logical bytes / compressed bytes, over every file.
 */
final class CodecRatios {
    private CodecRatios() {}

    static Map<String, Object> of(Path dir) throws IOException {
        Deflater deflater = new Deflater(6);
        byte[] buf = new byte[1 << 16];
        LZ4Compressor lz4 = LZ4Factory.fastestJavaInstance().fastCompressor();
        long logical = 0;
        long deflated = 0;
        long lz4Bytes = 0;
        for (String f : DirectoryCorpus.listFiles(dir)) {
            byte[] data = Files.readAllBytes(dir.resolve(f));
            logical += data.length;
            deflater.reset();
            deflater.setInput(data);
            deflater.finish();
            while (!deflater.finished()) {
                deflated += deflater.deflate(buf);
            }
            lz4Bytes += lz4.compress(data).length;
        }
        deflater.end();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deflate6Ratio", deflated == 0 ? 0.0 : (double) logical / deflated);
        m.put("lz4Ratio", lz4Bytes == 0 ? 0.0 : (double) logical / lz4Bytes);
        return m;
    }
}
