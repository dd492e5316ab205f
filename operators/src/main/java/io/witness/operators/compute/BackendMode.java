package io.witness.operators.compute;

import java.util.Locale;

/** Which compute backend to use, as the configuration and the command line name it. */
public enum BackendMode {
    /** CUDA when a usable device answers the probe, else the CPU; never fails. */
    AUTO,
    /** The CPU backend, always. */
    CPU,
    /** The CUDA backend; fails at start-up with the probe's reason when there is no usable device. */
    CUDA;

    /** Parses {@code auto | cpu | cuda}, case-insensitively. */
    public static BackendMode parse(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            for (BackendMode m : values()) {
                if (m.name().toLowerCase(Locale.ROOT).equals(n)) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("unknown compute backend '" + name + "'; expected auto, cpu or cuda");
    }

    /** The configuration name. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
