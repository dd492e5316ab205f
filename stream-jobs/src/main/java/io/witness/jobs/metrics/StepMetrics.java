package io.witness.jobs.metrics;

import io.witness.operators.monitor.Step;

/**
 * Prometheus series a method exports from its own decision steps, beside the generic ones of
 * {@link WitnessMetrics}. Registered with the method ({@code MethodRegistry}), so the generic processor
 * never asks which method it runs.
 */
public interface StepMetrics {

    /** For methods with no series of their own. */
    StepMetrics NONE = new StepMetrics() {
        @Override
        public void initMonitor(String monitor) {
        }

        @Override
        public void onStep(String monitor, Step step) {
        }
    };

    /** Creates the monitor's series before its first step (so that increase() sees the first one). */
    void initMonitor(String monitor);

    /** One decision step of one key of the monitor. */
    void onStep(String monitor, Step step);

    /** From two method references, e.g. {@code StepMetrics.of(HawkesMetrics::initMonitor, HawkesMetrics::onRefit)}. */
    static StepMetrics of(java.util.function.Consumer<String> init, java.util.function.BiConsumer<String, Step> onStep) {
        return new StepMetrics() {
            @Override
            public void initMonitor(String monitor) {
                init.accept(monitor);
            }

            @Override
            public void onStep(String monitor, Step step) {
                onStep.accept(monitor, step);
            }
        };
    }
}
