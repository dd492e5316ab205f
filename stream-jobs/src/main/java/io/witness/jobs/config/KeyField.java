package io.witness.jobs.config;

/**
 * An Event string attribute: the one that partitions a monitor's stream into per-key models
 * ({@code key}), or, for point-process methods, the one that names each event's type ({@code type-field}).
 */
public enum KeyField {
    /** {@code Event.key} (the default). */
    KEY,
    /** {@code Event.type}: one model per event type. */
    TYPE,
    /** {@code Event.source}: one model per source. */
    SOURCE
}
