package io.witness.jobs.demo;

/**
 * The part of an alert the demo summary needs. {@code state} is OPEN, UPDATE or RESOLVED; only OPEN
 * counts as a detection (or a false alarm), since UPDATE and RESOLVED belong to an incident already counted.
 */
public record ObservedAlert(String monitor, String key, String state, long openedAtMillis) {

    public boolean isOpen() {
        return "OPEN".equals(state);
    }
}
