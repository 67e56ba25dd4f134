package org.deduplab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * The DOM of {@code url} once it stopped changing in real time (polled each second, at most
     * {@code maxSeconds}), read over the DevTools protocol. For pages that animate: {@code --dump-dom}
     * with a virtual time budget dumps them before any animation ran (JMH Visualizer's bars, labels
     * and error bars are drawn only when their animation ends).
     */
    String settledDom(String url, Path work, int maxSeconds) throws Exception {
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        Process p = new ProcessBuilder(List.of(
                        binary.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--user-data-dir=" + profile,
                        "--window-size=1600,6000",
                        "--remote-debugging-address=127.0.0.1",
                        "--remote-debugging-port=0",
                        url))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            for (int i = 0; i < 300 && !Files.exists(portFile); i++) {
                Thread.sleep(100);
            }
            HttpClient http = HttpClient.newHttpClient();
            String pages = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                            + Files.readAllLines(portFile).get(0) + "/json/list"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher page = Pattern.compile("\"webSocketDebuggerUrl\": \"(ws://[^\"]+/page/[^\"]+)\"")
                    .matcher(pages);
            if (!page.find()) {
                throw new IOException("no page in chromium's DevTools list: " + pages);
            }
            String last = "";
            for (int i = 0; i < maxSeconds; i++) {
                Thread.sleep(1000);
                String dom = evaluate(http, page.group(1), "document.documentElement.outerHTML");
                if (dom.length() > 0 && dom.equals(last)) {
                    return dom;
                }
                last = dom;
            }
            return last;
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** One {@code Runtime.evaluate} of {@code expression} over a fresh DevTools connection: its string value. */
    private static String evaluate(HttpClient http, String socket, String expression) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        WebSocket ws = http.newWebSocketBuilder()
                .buildAsync(URI.create(socket), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            reply.complete(text.toString());
                        }
                        w.request(1);
                        return null;
                    }
                })
                .get(10, TimeUnit.SECONDS);
        ObjectMapper json = new ObjectMapper();
        ws.sendText(
                        json.writeValueAsString(Map.of(
                                "id",
                                1,
                                "method",
                                "Runtime.evaluate",
                                "params",
                                Map.of("expression", expression, "returnByValue", true))),
                        true)
                .get(10, TimeUnit.SECONDS);
        String answer = reply.get(30, TimeUnit.SECONDS);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        return json.readTree(answer).path("result").path("result").path("value").asText();
    }
}
