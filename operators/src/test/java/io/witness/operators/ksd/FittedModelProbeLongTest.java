package io.witness.operators.ksd;

/** Development probe: {@code java ... FittedModelProbeLongTest ksd,MIXTURE,4,500,4000,0.01,REFIT,500,NULL,4,12}. */
final class FittedModelProbeLongTest {
    public static void main(String[] a) {
        String[] args = a[0].split(",");
        var s = new FittedModelSimulation.Setup(args[0], ModelSpec.Family.valueOf(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), Integer.parseInt(args[4]), Double.parseDouble(args[5]),
                Calibration.valueOf(args[6]), Integer.parseInt(args[7]));
        var rates = FittedModelSimulation.run(s, FittedModelSimulation.Law.valueOf(args[8]), Integer.parseInt(args[9]),
                Integer.parseInt(args[10]), a.length > 1 ? Long.parseLong(a[1]) : 1);
        System.out.printf("PROBE %s law=%s keys=%d windows=%d rate(α)=%.4f keys(α)=%.3f rate(0.01)=%.4f keys(0.01)=%.3f s/key=%.2f%n",
                s.label(), args[8], rates.keys(), rates.windows(), rates.windowRate(), rates.keyRate(), rates.windowRate01(),
                rates.keyRate01(), rates.secondsPerKey());
    }
}
