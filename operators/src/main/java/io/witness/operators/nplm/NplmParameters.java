package io.witness.operators.nplm;

import java.nio.file.Path;
import java.util.List;

/**
 * Validated parameters of one {@code nplm} monitor (see {@link NplmMethod} for meanings and defaults).
 *
 * @param dimension       d, the number of input fields
 * @param alpha           alarm level: a window alarms when its p-value is ≤ α
 * @param window          N_D, events per test window
 * @param slide           events between two tests (= window: tumbling)
 * @param referenceFile   the reference file, or null to learn the reference per key
 * @param fieldNames      names of the d fields (explanations, reference-file columns); never null
 * @param referenceSize   P, the reference pool size (learnt: reservoir size; file: cap, by seeded subsample)
 * @param referenceEvents learnt: the pool is a uniform reservoir sample of the first this-many events
 * @param standardise     standardise every field with the reference mean and deviation (§C.4)
 * @param bandwidth       Gaussian σ in standardised units, NaN for NPLM's 90th-percentile rule
 * @param centres         M, or 0 for ⌈√P⌉ (M ≥ √N, §C.4)
 * @param solver          the Falkon settings (λ, Newton steps, CG tolerance and budget, K_NM mode)
 * @param nullToys        reference-vs-reference toys of the null calibration
 * @param fitLevel        KS level below which the χ² approximation is refused
 * @param topEvents       most surprising events reported per window
 * @param resolveAfter    windows without an alarm after which an incident clears
 * @param seed            seed of every random choice
 */
public record NplmParameters(int dimension, double alpha, int window, int slide, Path referenceFile,
                             List<String> fieldNames, int referenceSize, int referenceEvents, boolean standardise,
                             double bandwidth, int centres, FalkonLogisticSolver.Settings solver, int nullToys,
                             double fitLevel, int topEvents, int resolveAfter, long seed) {

    public NplmParameters {
        fieldNames = List.copyOf(fieldNames);
        if (fieldNames.size() != dimension) {
            throw new IllegalArgumentException("need " + dimension + " field names, got " + fieldNames.size());
        }
    }

    /** n_ref = P − N_D, the reference points of each test. */
    public int referencePerTest() {
        return referenceSize - window;
    }

    /** M actually used: configured, or ⌈√P⌉, at most P. */
    public int centreCount(int poolSize) {
        int m = centres > 0 ? centres : (int) Math.ceil(Math.sqrt(poolSize));
        return Math.min(m, poolSize);
    }

    public boolean learnt() {
        return referenceFile == null;
    }
}
