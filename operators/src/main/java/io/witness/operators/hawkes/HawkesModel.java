package io.witness.operators.hawkes;

import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;
import io.witness.operators.monitor.Step;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * Per-key Hawkes monitor: streaming FaDIn (spec §A.9) over the event types of one key.
 *
 * <p><b>Per event</b> (O(p·L) for the statistics, O(p²·(L + late bins)) for the residuals): the type
 * gets its dimension ({@link TypeRegistry}), the event's time its bin {@code round(t/Δ)}; the
 * time-rescaling residual is recorded ({@link Residuals}); the event is counted in the sufficient
 * statistics ({@link HawkesSufficientStats}), exactly also when it is out of order within
 * {@code max-lateness}.
 *
 * <p><b>Per refit</b> (every {@code refit-interval} of event time once {@code min-events} are counted;
 * O(k·p³·L²), independent of the number of events): the statistics of the record so far (weighted by the
 * forgetting half-life) are fitted by {@link FadinSolver}, warm-started from the previous refit
 * (pairs without excitation get moment-matched shapes, spec §A.5); then the branching ratio
 * ({@link BranchingRatio}), the events since the previous refit against that fit's expectation, the
 * reported excitation graph against the previous one ({@link ChangeTracker}), the edge-change tests
 * ({@link EdgeChangeTest}: betting on the interval's events, under the previous fit, that α_ij left its
 * reference fit ± {@code edge-change}) and, once {@code gof-window} gaps are in, the time-rescaling
 * KS test ({@link TimeRescalingTest}). After {@code warmup-refits} refits, the step alarms on any of:
 * {@code surge} (since the previous refit a type had at least {@code surge-factor} times, and
 * significantly more (Poisson p &lt; α), events than that fit expected from its baseline and the
 * excitation of the events seen: an exogenous burst, or an excitation the fit does not know yet), {@code branching} (ρ ≥
 * {@code branching-threshold}), {@code new-edge} / {@code vanished-edge} (an edge-change test's wealth
 * reached its threshold), {@code poor-fit} (KS p-value
 * &lt; α). {@code clear} after {@code resolve-after} refits without an alarm.
 *
 * <p>Step: statistic = branching ratio, threshold = {@code branching-threshold}, p-value = the KS
 * p-value when a window was tested at this refit (else null), no e-value; the explanation carries
 * the whole fit ({@link HawkesEvidence}).
 *
 * <p><b>State</b>, version {@value #FORMAT_VERSION} (version 1, without the edge tests, still restores:
 * its edge references freeze at its next warm refit), big-endian:
 * <pre>
 * byte version; byte kernel family code
 * long observations; long dropped; long refits; long next refit time; short fitted types; double last ρ
 * types: short n; short overflow index (−1 none); n × writeUTF name
 * statistics: long newest bin; long first bin; long base bin; long events;
 *             p·(L+1+late) ints (ring of counts); p²(L+1) doubles (C); p doubles (N)
 * parameters: p doubles μ; p² doubles α; p²K doubles η; p²K doubles RMSprop accumulators
 * residuals: long time; short fitted; p doubles running compensators; p booleans; p doubles expected;
 *            p longs observed; int n; n doubles
 * changes: p² booleans edges; p² bytes edge confirmations; boolean episode;
 *          int quiet refits
 * edge tests (version 2): p doubles reference μ; 9 × p² doubles (reference α, the pairs' own α⁰, log-wealths up/down, bets up/down,
 *          the interval's event sums up/down and excitation integrals)
 * </pre>
 * Size: {@link #stateBytesFor}: {@code 2 + 8·4 + 2 + 8 + (4 + Σ(2 + name bytes)) + 32 + 4p(L+1+late) +
 * 8p²(L+1) + 8p + 8p + 8p² + 16p²K + 8 + 2 + 8p + p + 16p + 4 + 8n + 2p² + 5 + 8p + 72p²}.
 */
public final class HawkesModel implements Model {
    static final byte FORMAT_VERSION = 2;
    /** Before the edge-change tests. */
    static final byte VERSION_WITHOUT_EDGE_TESTS = 1;

    private final HawkesSettings s;
    private final HawkesGrid grid;
    private final int k;

    private long observations;
    private long dropped;
    private long refits;
    private long nextRefit = Long.MIN_VALUE;
    private int fittedTypes;
    private double lastRho = Double.NaN;
    private TypeRegistry types;
    private HawkesSufficientStats stats;
    private HawkesParameters theta;
    private double[] rms;
    private Residuals residuals;
    private ChangeTracker changes;
    private EdgeChangeTest edgeTests;

    // transient: rebuilt on demand
    private DiscreteKernels kernels;
    private boolean kernelsReady;
    private FadinSolver solver;

    HawkesModel(HawkesSettings settings) {
        this.s = settings;
        this.grid = settings.grid();
        this.k = settings.kernel().shape().parameterCount();
        this.types = new TypeRegistry(settings.maxTypes());
        this.stats = new HawkesSufficientStats(0, grid.support(), settings.lateBins(), settings.gammaPerBin());
        this.theta = new HawkesParameters(settings.kernel(), 0);
        this.rms = new double[0];
        this.residuals = new Residuals(settings.gofWindow(), settings.binMillis(), 0);
        this.changes = new ChangeTracker(0);
        this.edgeTests = new EdgeChangeTest(0, settings.edgeChange());
    }

    @Override
    public Step update(long time, double[] values) {
        return update(time, null, values);
    }

    @Override
    public Step update(long time, String type, double[] values) {
        int d = types.resolve(type);
        while (stats.dimension() < types.size()) {
            grow();
        }
        long bin = residuals.bin(time);
        if (!stats.accepts(bin)) {
            // the streaming layer dead-letters events beyond max-lateness first; this guards a restore
            // under a configuration with a smaller lateness
            dropped++;
            return null;
        }
        if (fittedTypes > 0 && residuals.active()) {
            ensureKernels();
            residuals.beforeEvent(time, d, stats, theta, kernels, edgeTests);
        }
        stats.add(d, bin);
        observations++;
        if (nextRefit == Long.MIN_VALUE) {
            nextRefit = time + s.refitIntervalMillis();
        }
        if (time >= nextRefit && stats.events() >= s.minEvents()) {
            nextRefit = time + s.refitIntervalMillis();
            return refit(time);
        }
        return null;
    }

    private void grow() {
        int p = theta.dimension();
        stats.addDimension();
        theta.addDimension();
        rms = growPairs(rms, p, k);
        int q = p + 1;
        KernelShape shape = s.kernel().shape();
        for (int n = 0; n < q; n++) {
            shape.initialise(Double.NaN, Double.NaN, grid.w(), grid.delta(), theta.eta(), (p * q + n) * k);
            shape.initialise(Double.NaN, Double.NaN, grid.w(), grid.delta(), theta.eta(), (n * q + p) * k);
        }
        residuals.addDimension();
        changes.addDimension();
        edgeTests.addDimension();
        kernelsReady = false;
    }

    /** A p²K pair-major array grown to (p+1)²K, new entries 0. */
    private static double[] growPairs(double[] a, int p, int k) {
        int q = p + 1;
        double[] b = new double[q * q * k];
        for (int i = 0; i < p; i++) {
            System.arraycopy(a, i * p * k, b, i * q * k, p * k);
        }
        return b;
    }

    private void ensureKernels() {
        if (!kernelsReady) {
            if (kernels == null) {
                kernels = new DiscreteKernels(s.kernel(), grid, theta.dimension());
            }
            kernels.evaluate(theta.dimension(), theta.eta(), false);
            kernelsReady = true;
        }
    }

    private Step refit(long time) {
        FadinStatistics st = stats.snapshot(stats.newestBin(), grid.delta());
        int p = theta.dimension();
        momentMatchInactivePairs(st);
        if (solver == null) {
            solver = new FadinSolver(s.kernel(), grid, s.learningRate());
        }
        // surges are judged on the interval since the previous refit, under the previous fit
        List<Integer> surges = fittedTypes > 0 ? residuals.surges(s.surgeFactor(), s.surgeMinEvents(), s.alpha()) : List.of();
        long[] observed = new long[fittedTypes];
        double[] expected = new double[fittedTypes];
        for (int i = 0; i < fittedTypes; i++) {
            observed[i] = residuals.observed(i);
            expected[i] = residuals.expected(i);
        }
        double loss = solver.refit(theta, rms, st, refits == 0 ? s.initialIterations() : s.iterations());
        refits++;
        fittedTypes = p;
        kernelsReady = false;
        residuals.restart(time, p);
        double rho = BranchingRatio.spectralRadius(theta.alpha(), p);
        lastRho = rho;
        boolean warm = refits > s.warmupRefits();
        // the solver's kernels are at the final shapes (its last step evaluates them)
        double[] edgeZ = EdgeSignificance.zScores(st, solver.loss().kernels());
        // the reported graph; the alarms are the edge-change tests', at the refit that closes their interval
        changes.edges(theta.alpha(), edgeZ, s.edgeThreshold(), s.edgeZ(), s.edgeConfirm());
        List<int[]>[] edgeChanges = edgeTests.refit(theta.mu(), theta.alpha(), p, p, refits > s.edgeReferenceRefits(),
                s.alpha());
        double[] window = residuals.drainIfFull();
        Double gofP = window == null ? null : TimeRescalingTest.pValueOfUniforms(window);

        HawkesEvidence.Alarms alarms = new HawkesEvidence.Alarms(
                warm ? surges : List.of(),
                warm && rho >= s.branchingThreshold(),
                warm ? edgeChanges[0] : List.of(),
                warm ? edgeChanges[1] : List.of(),
                warm && gofP != null && gofP < s.alpha());
        boolean alarm = alarms.any();
        boolean clear = false;
        if (alarm) {
            changes.episode = true;
            changes.quietRefits = 0;
        } else if (changes.episode) {
            changes.quietRefits++;
            if (changes.quietRefits >= s.resolveAfter()) {
                clear = true;
                changes.episode = false;
                changes.quietRefits = 0;
            }
        }
        HawkesEvidence ev = new HawkesEvidence(types, theta, s, st);
        return new Step(observations, rho, gofP, null, s.branchingThreshold(), alarm, clear,
                ev.explain(refits, warm, rho, loss, solver.iterationsDone(), changes, edgeTests, alarms, edgeZ, observed, expected, gofP,
                        window == null ? 0 : window.length, dropped), alarms.kinds());
    }

    /**
     * Pairs without excitation (α_ij = 0: never fitted, or switched off by the fit) get shapes from the
     * delays between j-events and later i-events within W (the reference code's moment matching "mean",
     * spec §A.5) and fresh RMSprop accumulators: their shapes have no gradient while α_ij = 0, and this
     * is where they can start when an excitation appears.
     */
    private void momentMatchInactivePairs(FadinStatistics st) {
        int p = theta.dimension();
        KernelShape shape = s.kernel().shape();
        double delta = grid.delta();
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                if (theta.alpha()[i * p + j] != 0) {
                    continue;
                }
                double w = 0;
                double m1 = 0;
                double m2 = 0;
                for (int tau = 1; tau <= grid.support(); tau++) {
                    double c = st.laggedCross(i, j, tau);
                    double t = tau * delta;
                    w += c;
                    m1 += c * t;
                    m2 += c * t * t;
                }
                double mean = w > 0 ? m1 / w : Double.NaN;
                double sd = w > 0 ? Math.sqrt(Math.max(0, m2 / w - mean * mean)) : Double.NaN;
                shape.initialise(mean, sd, grid.w(), delta, theta.eta(), (i * p + j) * k);
                for (int e = 0; e < k; e++) {
                    rms[(i * p + j) * k + e] = 0;
                }
            }
        }
    }

    @Override
    public long observations() {
        return observations;
    }

    /** The fitted parameters (live view; for tests and diagnostics). */
    public HawkesParameters parameters() {
        return theta;
    }

    /** Type names in dimension order. */
    public List<String> typeNames() {
        return List.copyOf(types.names());
    }

    /** Branching ratio at the last refit (NaN before the first). */
    public double lastBranchingRatio() {
        return lastRho;
    }

    /** Rescaled gaps held for the next time-rescaling test. */
    int pendingGaps() {
        return residuals.pending();
    }

    /** Events that arrived beyond max-lateness and were not counted. */
    public long dropped() {
        return dropped;
    }

    // ---------------------------------------------------------------- state

    /** Exact state size for p dimensions, type names of {@code nameBytes} each, {@code gaps} residuals held. */
    public static long stateBytesFor(HawkesSettings s, int p, int nameBytes, int gaps) {
        int k = s.kernel().shape().parameterCount();
        long l1 = s.supportBins() + 1L;
        long cap = l1 + s.lateBins();
        long pp = (long) p * p;
        return 2 + 8 * 4 + 2 + 8
                + 4 + (long) p * (2 + nameBytes)
                + 32 + 4L * p * cap + 8 * pp * l1 + 8L * p
                + 8L * p + 8 * pp + 16 * pp * k
                + 8 + 2 + 8L * p + p + 16L * p + 4 + 8L * gaps
                + 2 * pp + 1 + 4
                + 8L * p + 72 * pp;
    }

    @Override
    public int stateBytes() {
        int p = theta.dimension();
        return 2 + 8 * 4 + 2 + 8 + types.stateBytes() + stats.stateBytes() + 8 * (p + p * p + 2 * p * p * k)
                + residuals.stateBytes() + changes.stateBytes() + edgeTests.stateBytes();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeByte(FORMAT_VERSION);
        out.writeByte(s.kernel().code());
        out.writeLong(observations);
        out.writeLong(dropped);
        out.writeLong(refits);
        out.writeLong(nextRefit);
        out.writeShort(fittedTypes);
        out.writeDouble(lastRho);
        types.write(out);
        stats.write(out);
        int p = theta.dimension();
        StateOutput.writeDoubles(out, theta.mu(), 0, p);
        StateOutput.writeDoubles(out, theta.alpha(), 0, p * p);
        StateOutput.writeDoubles(out, theta.eta(), 0, p * p * k);
        StateOutput.writeDoubles(out, rms, 0, p * p * k);
        residuals.write(out);
        changes.write(out);
        edgeTests.write(out);
    }

    static HawkesModel read(HawkesSettings settings, DataInput in) throws IOException {
        int version = in.readByte();
        if (version != FORMAT_VERSION && version != VERSION_WITHOUT_EDGE_TESTS) {
            throw new IOException("unknown Hawkes state version " + version + " (this build reads " + FORMAT_VERSION + ")");
        }
        int family = in.readByte();
        if (family != settings.kernel().code()) {
            throw new IOException("Hawkes state was written with kernel code " + family + " but the monitor is configured with "
                    + settings.kernel().configName() + ": give the changed monitor a new id");
        }
        HawkesModel m = new HawkesModel(settings);
        m.observations = in.readLong();
        m.dropped = in.readLong();
        m.refits = in.readLong();
        m.nextRefit = in.readLong();
        m.fittedTypes = in.readShort();
        m.lastRho = in.readDouble();
        m.types = TypeRegistry.read(in, settings.maxTypes());
        int p = m.types.size();
        if (m.fittedTypes < 0 || m.fittedTypes > p) {
            throw new IOException("Hawkes state fitted " + m.fittedTypes + " of " + p + " types");
        }
        while (m.theta.dimension() < p) {
            m.stats.addDimension();
            m.theta.addDimension();
            m.rms = growPairs(m.rms, m.theta.dimension() - 1, m.k);
            m.residuals.addDimension();
            m.changes.addDimension();
            m.edgeTests.addDimension();
        }
        m.stats.read(in);
        int k = m.k;
        StateInput.readDoubles(in, m.theta.mu(), 0, p);
        StateInput.readDoubles(in, m.theta.alpha(), 0, p * p);
        StateInput.readDoubles(in, m.theta.eta(), 0, p * p * k);
        StateInput.readDoubles(in, m.rms, 0, p * p * k);
        m.residuals.read(in);
        m.changes.read(in);
        if (version == FORMAT_VERSION) {
            m.edgeTests.read(in);
        }
        return m;
    }
}
