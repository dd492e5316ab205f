package io.witness.jobs.config;

/** Which Event attribute partitions a monitor's stream into per-key models. */
public enum KeyField {
    /** {@code Event.key} (the default). */
    KEY,
    /** {@code Event.type}: one model per event type. */
    TYPE,
    /** {@code Event.source}: one model per source. */
    SOURCE
}
