package org.deduplab.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium driven from the command line: the DOM after scripts ran, a
 * screenshot, and every console message the page produced (Chromium logs them to stderr as
 * {@code INFO:CONSOLE} lines with {@code --enable-logging=stderr}, uncaught exceptions included).
 */
final class HeadlessChromium {
    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The browser on this machine ({@code -Ddedup.chromium}, else chromium / chromium-browser on PATH), or null. */
    static HeadlessChromium find() {
        String configured = System.getProperty("dedup.chromium");
        if (configured != null) {
            return new HeadlessChromium(Path.of(configured));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return new HeadlessChromium(p);
                }
            }
        }
        return null;
    }

    /** What one page load produced. */
    record Page(String dom, List<String> console) {}

    Page load(Path html, Path screenshot, Path work) throws IOException, InterruptedException {
        return load(html.toUri().toString(), screenshot, work, List.of());
    }

    /**
     * Loads {@code url}; {@code extra} are further Chromium flags, e.g. a virtual time budget for a
     * page that fetches and renders after load.
     */
    Page load(String url, Path screenshot, Path work, List<String> extra) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--enable-logging=stderr",
                "--v=0",
                "--user-data-dir=" + profile,
                "--window-size=1400,2200",
                "--hide-scrollbars"));
        cmd.addAll(extra);
        if (screenshot != null) {
            cmd.add("--screenshot=" + screenshot);
        } else {
            cmd.add("--dump-dom");
        }
        cmd.add(url);
        Path out = work.resolve("chromium.out");
        Path err = work.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish within 120 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(
                    "chromium exited " + p.exitValue() + ": " + Files.readString(err, StandardCharsets.UTF_8));
        }
        List<String> console = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(":CONSOLE"))
                .toList();
        return new Page(Files.readString(out, StandardCharsets.UTF_8), console);
    }
}
