package io.witness.jobs.cli;

import io.witness.jobs.config.ComputeSettings;
import io.witness.jobs.config.WitnessConfig;
import picocli.CommandLine.Option;

/** {@code --backend auto|cpu|cuda}: overrides {@code job.backend} of the config. */
final class BackendOption {
    @Option(names = "--backend", paramLabel = "auto|cpu|cuda",
            description = "Compute backend for the monitors' batched work (overrides job.backend; auto = a CUDA GPU "
                    + "if one answers, else the CPU).")
    String backend;

    WitnessConfig apply(WitnessConfig c) {
        if (backend == null) {
            return c;
        }
        String mode;
        try {
            mode = ComputeSettings.backendMode(backend);
        } catch (IllegalArgumentException e) {
            throw new WitnessCli.UserError("--backend " + e.getMessage());
        }
        return c.withJob(c.job().withCompute(c.job().compute().withBackend(mode)));
    }
}
