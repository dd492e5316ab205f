package io.witness.jobs.cli;

import java.io.IOException;

/** Test access to the demo's bundled configuration. */
public final class DemoCommandAccess {
    private DemoCommandAccess() {
    }

    public static String bundledConfig() throws IOException {
        return DemoCommand.bundledConfig();
    }
}
