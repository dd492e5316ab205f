package io.witness.operators.skit.sim;

import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.skit.SkitFactory;
import io.witness.operators.skit.SkitMethod;
import io.witness.operators.skit.WitnessKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The RFF rows of spec §A.5.2 (Gaussian linear, fixed bandwidths σ² = 2·Var, ONS, α = 0.05, the spec's
 * run counts) for version 1's default witness (tensor, D = 64, double means) and this build's default
 * for 1-D roles, side by side with the state bytes of each. The §A.5.1 check vector is exact-kernel
 * and does not depend on either ({@code SkitCheckVectorTest}).
 *
 * <p>Run it: {@code mvn -o -q -pl operators test -Plong -Dtest=SkitStateSizeStudyLongTest} (with the
 * study), or {@code java -cp operators/target/test-classes:operators/target/classes
 * io.witness.operators.skit.sim.SpecTableSideBySide}.
 */
public final class SpecTableSideBySide {

    /** One configuration: a label and the parameters that differ from the spec's setting. */
    public record Config(String label, Map<String, Object> params) {
    }

    public static final Config VERSION1_DEFAULT = new Config("v1 default: rff D=64 double",
            Map.of("witness", "rff", "features", 64, "precision", "double"));
    public static final Config DEFAULT = new Config("default: rff D=" + SkitMethod.DEFAULT_TENSOR_FEATURES + " "
            + SkitMethod.defaultPrecision().name().toLowerCase(Locale.ROOT), Map.of());

    /** One measured row against the spec's. */
    public record Row(SpecRow spec, Config config, int stateBytes, SimulationSummary measured) {

        public String markdown() {
            return String.format(Locale.ROOT, "| %.2f | %s | %,d | %d | %.3f | %.0f | %.0f | %.3f | %.0f |", spec.beta(),
                    config.label(), stateBytes, measured.runs(), measured.rejectionRate(),
                    measured.meanStoppingPairs(), measured.medianStoppingPairs(), spec.rejectionRate(),
                    spec.meanStoppingPairs());
        }
    }

    public static final String HEADER = "| β | witness | state bytes | runs | rejection | mean stop, pairs | median "
            + "| spec rejection | spec mean |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|";

    private SpecTableSideBySide() {
    }

    public static MonitorFactory factory(Config c, double beta, long seed) {
        Map<String, Object> p = GaussianLinearConfig.params(WitnessKind.RFF,
                io.witness.operators.bettors.BettorKind.ONS, beta, seed);
        p.putAll(c.params());
        return new SkitMethod().configure(Map.of("x", 1, "y", 1), GaussianLinearConfig.ALPHA, p);
    }

    public static Row measure(SpecRow spec, Config c, int runs, long seed) {
        int bytes = ((SkitFactory) factory(c, spec.beta(), 0)).steadyStateBytes();
        SimulationSummary s = SkitSimulation.run(c.label() + " beta=" + spec.beta(),
                runSeed -> factory(c, spec.beta(), runSeed), PairedStreams.gaussianLinear(spec.beta()), runs,
                GaussianLinearConfig.PAIRS, 0, seed);
        return new Row(spec, c, bytes, s);
    }

    /** Every RFF row of the spec at both configurations, the same seeds for both; prints as it goes. */
    public static List<Row> run(long seed) {
        List<Row> rows = new ArrayList<>();
        System.out.println(HEADER);
        int i = 0;
        for (SpecRow spec : SpecTable.ROWS) {
            if (spec.witness() != WitnessKind.RFF) {
                continue;
            }
            for (Config c : List.of(VERSION1_DEFAULT, DEFAULT)) {
                Row r = measure(spec, c, spec.runs(), seed + i);
                rows.add(r);
                System.out.println(r.markdown());
            }
            i++;
        }
        return rows;
    }

    public static void main(String[] args) {
        run(8_000);
    }
}
