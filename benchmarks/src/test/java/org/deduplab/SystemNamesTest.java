package org.deduplab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.deduplab.store.StoreSystem;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.Test;

/**
 * "Nothing else names a system": no Java source outside {@code store/<name>/} and
 * {@code Systems.java} holds a registered system's name as a string literal ({@code "redis"},
 * {@code "postgresql:lz4"}) or imports a system's package, in the main sources and the tests alike
 * (comments are documentation and may).
 */
class SystemNamesTest {
    static final Path SRC = Path.of("src");

    @Test
    void noSourceOutsideItsSystemsPackageNamesASystem() throws Exception {
        Set<String> naming = new TreeSet<>();
        for (Path f : javaSources()) {
            String rel = SRC.relativize(f).toString().replace('\\', '/');
            if (!inItsOwnPlace(rel) && !names(code(Files.readString(f))).isEmpty()) {
                naming.add(rel);
            }
        }
        assertThat(naming)
                .as("sources that name a system outside store/<name>/ and Systems.java: derive it from the registry"
                        + " (Systems, Picks) or move the test into the system's package")
                .isEmpty();
    }

    @Test
    void theScanFindsANameInCodeButNotInComments() {
        String name = Systems.names().get(0);
        assertThat(names(code("String s = \"" + name + ":x\";"))).containsExactly(name);
        assertThat(names(code("String s = \"system=a," + name + "\";"))).containsExactly(name);
        assertThat(names(code("String s = \"org.x." + name + "able\";"))).isEmpty();
        assertThat(names(code("// " + name + " \"" + name + "\"\n/* \"" + name + "\" */ int x;")))
                .isEmpty();
        assertThat(names(code("import org.deduplab.store." + name + ".Thing;"))).containsExactly(name);
    }

    /** {@code store/<name>/} of a system, and the registry itself. */
    private static boolean inItsOwnPlace(String rel) {
        Matcher m = Pattern.compile("(?:main|test)/java/org/deduplab/store/([a-z0-9]+)/")
                .matcher(rel);
        return rel.endsWith("/store/Systems.java") || m.find();
    }

    /**
     * The registered systems a piece of code names: as a word in a string literal ({@code "redis"},
     * {@code "system=redis,s3"}, {@code "postgresql:lz4"}, {@code "redis/..."}), or through an import of
     * its package.
     */
    static List<String> names(String code) {
        List<String> found = new ArrayList<>();
        List<String> literals = literals(code);
        for (StoreSystem s : Systems.ALL) {
            Pattern word = Pattern.compile("(?<![A-Za-z0-9_.\\-])" + Pattern.quote(s.name()) + "(?![A-Za-z0-9_])");
            if (literals.stream().anyMatch(l -> word.matcher(l).find())
                    || Pattern.compile("org\\.deduplab\\.store\\." + Pattern.quote(s.name()) + "\\.")
                            .matcher(code)
                            .find()) {
                found.add(s.name());
            }
        }
        return found;
    }

    /** The string literals of a piece of code (comments already gone). */
    static List<String> literals(String code) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while ((i = code.indexOf('"', i)) >= 0) {
            int end = literalEnd(code, i);
            out.add(code.substring(i, end));
            i = end;
        }
        return out;
    }

    /** Java source without its comments (string literals kept). */
    static String code(String source) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
            } else if (c == '"') {
                int end = literalEnd(source, i);
                out.append(source, i, end);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The index after the string literal (or text block) that starts at {@code start}. */
    private static int literalEnd(String s, int start) {
        String quote = s.startsWith("\"\"\"", start) ? "\"\"\"" : "\"";
        int i = start + quote.length();
        while (i < s.length()) {
            if (s.charAt(i) == '\\') {
                i += 2;
            } else if (s.startsWith(quote, i)) {
                return i + quote.length();
            } else {
                i++;
            }
        }
        return s.length();
    }

    private static List<Path> javaSources() throws Exception {
        try (Stream<Path> files = Files.walk(SRC)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
