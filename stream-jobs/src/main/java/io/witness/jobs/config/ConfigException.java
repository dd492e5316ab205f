package io.witness.jobs.config;

/** A problem in the configuration, phrased as one line naming the monitor, the field and the problem. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
