package io.witness.jobs.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The built-in live page: static HTML/JS/CSS from the jar ({@code /live/}) and {@code /api/state}, the
 * {@link LiveState} as JSON, served by the JDK's HTTP server on one daemon thread. No build chain, no
 * external resources: the page draws its charts on canvas and SVG itself.
 */
public final class LivePage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LivePage.class);
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/app.js", "app.js",
            "/style.css", "style.css");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;

    private LivePage(HttpServer server, ExecutorService executor, String host) {
        this.server = server;
        this.executor = executor;
        this.host = host;
    }

    /**
     * Serves the page on host:port (port 0 = any free port).
     *
     * @throws BindException when the port is taken
     */
    public static LivePage start(String host, int port, LiveState state) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "witness-live-page");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", ex -> {
            try (ex) {
                String path = ex.getRequestURI().getPath();
                if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                    send(ex, 405, "text/plain; charset=utf-8", "GET only\n".getBytes(StandardCharsets.UTF_8));
                } else if (path.equals("/api/state")) {
                    byte[] body = state.snapshot(keysParameter(ex.getRequestURI().getQuery()), System.currentTimeMillis())
                            .toString().getBytes(StandardCharsets.UTF_8);
                    send(ex, 200, "application/json", body);
                } else if (FILES.containsKey(path)) {
                    String file = FILES.get(path);
                    send(ex, 200, TYPES.get(file.substring(file.lastIndexOf('.') + 1)), resource(file));
                } else {
                    send(ex, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("live page request failed: {}", e.toString());
            }
        });
        server.start();
        return new LivePage(server, executor, host);
    }

    /** Tries {@code port}, then any free port; returns null (after a log line) when neither works. */
    public static LivePage startOrFallback(String host, int port, LiveState state) {
        try {
            return start(host, port, state);
        } catch (IOException taken) {
            try {
                return start(host, 0, state);
            } catch (IOException e) {
                LOG.warn("cannot serve the live page on {} ({}); continuing without it", host, e.getMessage());
                return null;
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The URL to print: loopback when bound to all interfaces. */
    public String url() {
        String h = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return "http://" + h + ":" + port() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    static int keysParameter(String query) {
        if (query != null) {
            for (String part : query.split("&")) {
                if (part.startsWith("keys=")) {
                    try {
                        return Integer.parseInt(part.substring(5));
                    } catch (NumberFormatException ignored) {
                        // fall through to the default
                    }
                }
            }
        }
        return LiveState.DEFAULT_KEYS_PER_MONITOR;
    }

    private static byte[] resource(String file) throws IOException {
        try (InputStream in = LivePage.class.getResourceAsStream("/live/" + file)) {
            if (in == null) {
                throw new IOException("live page resource /live/" + file + " is missing from the jar");
            }
            return in.readAllBytes();
        }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
