package io.witness.operators.monitor;

import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.compute.Precision;

import java.util.List;

/**
 * Optional capability of a {@link MonitorFactory}: the heavy, state-independent part of many updates,
 * over many keys, is computed in one {@link ComputeBackend} call instead of one small computation per
 * event. The streaming layer gathers a micro-batch of observations, and for each monitor that
 * implements this it runs one {@link Batch}:
 *
 * <ol>
 * <li>{@link Batch#stage}: once per key, in the order the keys are met, with the key's model as it is
 *     before the batch and the observations it is about to consume, in arrival order. Staging reads the
 *     model and never changes it.</li>
 * <li>{@link Batch#compute}: the backend work for everything staged (for SKIT: the random-feature maps
 *     of every staged observation; for a method that scores events against a shared reference model:
 *     one kernel–vector product for all the staged points; for window fits: the staged windows).</li>
 * <li>{@link Batch#update}: per key, in stage order, each observation in arrival order — the same
 *     result, {@link Step} and state as {@link Model#update} (bit for bit when the backend computes
 *     the staged work with the same arithmetic as the monitor's own path; within the backend's
 *     tolerance otherwise).</li>
 * </ol>
 *
 * A key may be staged with fewer observations than it then consumes through {@code update} (for
 * example when the streaming layer rejects some as late), or with work the batch cannot prepare (for
 * SKIT: a key still in burn-in, whose bandwidths are not known yet): {@code update} then computes what
 * was not staged itself. Correctness never depends on the staging; only speed does.
 */
public interface BatchScoring {

    /**
     * A workspace for one micro-batch on one backend. Not thread-safe; reusable after {@link Batch#reset}.
     *
     * @param backend the compute backend for the staged work; its precision is at least
     *                {@link #precision(Precision)} of the configured one
     */
    Batch newBatch(ComputeBackend backend);

    /**
     * The precision this method's staged work needs when the job is configured with {@code configured}.
     * Work whose results feed a decision statistic (wealth, p-values) stays in double (kernel-tests.md §0.3).
     */
    default Precision precision(Precision configured) {
        return Precision.DOUBLE;
    }

    /** One micro-batch of one monitor: stage per key, compute once, update in order. */
    interface Batch {

        /**
         * Declares the observations one key is about to consume, in arrival order. Does not change
         * {@code model}.
         *
         * @param model  the key's model as it is now (made by this factory)
         * @param values the observations' input vectors, in arrival order
         * @return the handle to pass to {@link #update} for this key
         */
        int stage(Model model, List<double[]> values);

        /**
         * {@link #stage(Model, List)} for a point-process monitor, whose observations carry their event
         * types ({@code types.get(i)} is the type of {@code values.get(i)}; null entries for untyped ones).
         * The streaming layer always calls this; a method whose staging reads types overrides it.
         */
        default int stage(Model model, List<double[]> values, List<String> types) {
            return stage(model, values);
        }

        /** The backend work for everything staged so far. */
        void compute();

        /**
         * Consumes one untyped observation of a staged key: equal to {@code model.update(time, values)}.
         *
         * @param staged the handle {@link #stage} returned for this key
         */
        Step update(int staged, Model model, long time, double[] values);

        /**
         * Consumes one observation with its event type: equal to {@code model.update(time, type, values)}.
         * The streaming layer always calls this, so no type is lost on the batched path. By default an
         * untyped observation goes to {@link #update(int, Model, long, double[])} and a typed one to the
         * model's own typed update (correct, not accelerated); a batched method that reads types overrides it.
         *
         * @param type the event type, or null for a monitor without {@code type-field}
         */
        default Step update(int staged, Model model, long time, String type, double[] values) {
            return type == null ? update(staged, model, time, values) : model.update(time, type, values);
        }

        /** Forgets everything staged; keeps buffers for the next batch. */
        void reset();
    }
}
