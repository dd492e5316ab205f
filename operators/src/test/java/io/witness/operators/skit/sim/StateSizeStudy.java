package io.witness.operators.skit.sim;

import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.skit.SkitFactory;
import io.witness.operators.skit.SkitMethod;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The study behind SKIT's default witness size (issue 17 part 3): level and stopping time against
 * state bytes, for fields of dimension d per side, on the default path (median heuristic on a
 * 200-observation burn-in, ONS, α = 0.05, 1 000 pairs after the burn-in) over the per-coordinate
 * Gaussian-linear stream {@link PairedStreams#gaussianLinear(int, double)}.
 *
 * <p>Witnesses: tensor RFF (§A.4.2) with D per side, joint-frequency RFF (§A.4.2b) with J frequencies,
 * each with double or float running means. Each configuration has its own seed (the study's seed and
 * its index), so a row is reproducible alone.
 *
 * <p>Run it: {@code mvn -o -q -pl operators test -Plong -Dtest=SkitStateSizeStudyLongTest} (the grid,
 * about 10 CPU-minutes), or {@code java -cp operators/target/test-classes:operators/target/classes
 * io.witness.operators.skit.sim.StateSizeStudy [nullRuns altRuns]}. It prints one markdown row per
 * configuration: d, witness, state bytes per key, null rejection rate, and at the β of that d the
 * rejection rate, mean and median stopping time in pairs.
 */
public final class StateSizeStudy {

    public static final int BURN_IN = 200;
    public static final int PAIRS = 1000;
    public static final double ALPHA = 0.05;
    /** Field dimensions per side (x and y alike). */
    public static final int[] DIMENSIONS = {1, 2, 4, 16};

    /** One witness configuration of the grid. */
    public record Witness(String kind, int features, String precision) {

        Map<String, Object> params(long seed) {
            Map<String, Object> p = new HashMap<>();
            p.put("witness", kind);
            p.put("features", features);
            p.put("precision", precision);
            p.put("seed", seed);
            return p;
        }

        String label() {
            String f = kind.equals("joint") ? "J" : "D";
            return String.format(Locale.ROOT, "%s %s=%d %s", kind, f, features, precision);
        }
    }

    /** One measured row. */
    public record Row(int d, double beta, Witness witness, int stateBytes, SimulationSummary nul,
                      SimulationSummary alt) {

        public String markdown() {
            return String.format(Locale.ROOT, "| %d | %s | %,d | %.3f (%d) | %.2f | %.3f | %.0f | %.0f | %.1f s |", d,
                    witness.label(), stateBytes, nul.rejectionRate(), nul.runs(), beta, alt.rejectionRate(),
                    alt.meanStoppingPairs(), alt.medianStoppingPairs(), nul.cpuSeconds() + alt.cpuSeconds());
        }
    }

    private StateSizeStudy() {
    }

    /** β per d: 0.3 at d = 1 (the spec's row); smaller for more coordinates, which all carry dependence. */
    public static double betaFor(int d) {
        return switch (d) {
            case 1 -> 0.3;
            case 2 -> 0.25;
            case 4 -> 0.2;
            default -> 0.15;
        };
    }

    public static List<Witness> grid() {
        List<Witness> w = new ArrayList<>();
        for (int dd : new int[] {8, 16, 32, 64}) {
            w.add(new Witness("rff", dd, "double"));
        }
        w.add(new Witness("rff", 16, "float"));
        w.add(new Witness("rff", 20, "float"));
        for (int j : new int[] {64, 128, 256}) {
            w.add(new Witness("joint", j, "double"));
        }
        w.add(new Witness("joint", 128, "float"));
        w.add(new Witness("joint", 256, "float"));
        return w;
    }

    public static MonitorFactory factory(int d, Witness w, long seed) {
        return new SkitMethod().configure(Map.of("x", d, "y", d), ALPHA, w.params(seed));
    }

    public static Row measure(int d, double beta, Witness w, int nullRuns, int altRuns, long seed) {
        int bytes = ((SkitFactory) factory(d, w, 0)).steadyStateBytes();
        String label = "d=" + d + " " + w.label();
        SimulationSummary nul = SkitSimulation.run(label + " beta=0", s -> factory(d, w, s),
                PairedStreams.gaussianLinear(d, 0.0), 2 * d, nullRuns, PAIRS, BURN_IN, seed);
        SimulationSummary alt = SkitSimulation.run(label + " beta=" + beta, s -> factory(d, w, s),
                PairedStreams.gaussianLinear(d, beta), 2 * d, altRuns, PAIRS, BURN_IN, seed + 1);
        return new Row(d, beta, w, bytes, nul, alt);
    }

    public static final String HEADER = "| d per side | witness | state bytes | null rejection (runs) | β | rejection at β "
            + "| mean stop, pairs | median | CPU |\n|---|---|---:|---|---:|---:|---:|---:|---:|";

    /** The whole grid; prints each row as it is done. */
    public static List<Row> run(int nullRuns, int altRuns, long seed) {
        List<Row> rows = new ArrayList<>();
        System.out.println(HEADER);
        int index = 0;
        for (int d : DIMENSIONS) {
            for (Witness w : grid()) {
                Row r = measure(d, betaFor(d), w, nullRuns, altRuns, seed + 1000L * index++);
                rows.add(r);
                System.out.println(r.markdown());
            }
        }
        return rows;
    }

    public static void main(String[] args) {
        int nullRuns = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int altRuns = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        run(nullRuns, altRuns, 17_000);
    }
}
