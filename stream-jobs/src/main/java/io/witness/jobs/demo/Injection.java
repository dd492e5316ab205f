package io.witness.jobs.demo;

/**
 * One anomaly the demo scenario injects: from {@code startMillis} (event time, epoch ms) on, the
 * monitor {@code monitor} should see a change on {@code key}. The summary scores detections against it.
 */
public record Injection(String monitor, String key, long startMillis, String description) {
}
