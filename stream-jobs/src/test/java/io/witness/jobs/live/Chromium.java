package io.witness.jobs.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs it) for the live-page tests:
 * no sandbox (root in CI), no GPU, no network beyond the page's own loopback server, a fresh profile per
 * run. {@code --virtual-time-budget} lets the page's fetches and timers run before the DOM is dumped or
 * the screenshot is taken.
 */
final class Chromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final String MISSING = "/usr/bin/chromium is not installed (Debian package 'chromium'; .ci/run installs it): "
            + "the browser test of the live page is skipped";

    private Chromium() {
    }

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** The DOM after the page ran for {@code budgetMillis} of virtual time. */
    static String dumpDom(String url, int budgetMillis, Path workDir) throws IOException, InterruptedException {
        return run(workDir, budgetMillis, List.of("--dump-dom", url));
    }

    /** Saves a 1280×900 PNG of the page after {@code budgetMillis} of virtual time. */
    static void screenshot(String url, Path png, int budgetMillis, Path workDir) throws IOException, InterruptedException {
        run(workDir, budgetMillis, List.of("--screenshot=" + png.toAbsolutePath(), url));
    }

    private static String run(Path workDir, int budgetMillis, List<String> what) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900",
                "--virtual-time-budget=" + budgetMillis));
        cmd.addAll(what);
        Path out = workDir.resolve("chromium-" + System.nanoTime() + ".out");
        Path err = workDir.resolve("chromium-" + System.nanoTime() + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(45, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish within 45 s: " + cmd);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("chromium exited with " + p.exitValue() + ": " + Files.readString(err, StandardCharsets.UTF_8));
        }
        return stdout;
    }
}
