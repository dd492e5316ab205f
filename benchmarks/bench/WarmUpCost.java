import io.witness.jobs.config.MethodRegistry;
import io.witness.operators.monitor.*;
import java.util.*;
/** Events/s of one method's models fed round-robin, per tenth of the run (docs/performance.md, "Scale"). Single-file: java -cp stream-jobs/target/witness.jar benchmarks/bench/WarmUpCost.java kernel-forecast value 1000 300 */
public class WarmUpCost {
    public static void main(String[] a) throws Exception {
        String method = a[0]; String role = a[1]; int keys = Integer.parseInt(a[2]); int per = Integer.parseInt(a[3]);
        Map<String,Integer> dims = new LinkedHashMap<>(); for (String r : role.split(",")) dims.put(r, 1);
        MonitorFactory f = (MonitorFactory) MethodRegistry.get(method).configure(dims, 0.01, Map.of());
        Model[] ms = new Model[keys]; for (int i = 0; i < keys; i++) ms[i] = f.create();
        SplittableRandom r = new SplittableRandom(1); int d = dims.size();
        long t0 = System.nanoTime(); long last = t0;
        for (int round = 0; round < per; round++) {
            for (int k = 0; k < keys; k++) { double[] v = new double[d]; for (int j=0;j<d;j++) v[j]=r.nextGaussian(); ms[k].update(1000L*(round+1), v); }
            if ((round+1) % Math.max(1, per/10) == 0) { long now = System.nanoTime(); System.out.printf("round %d: %.0f ev/s, state %d B%n", round+1, keys*(per/10.0)/((now-last)/1e9), ms[0].stateBytes()); last = now; }
        }
    }
}
