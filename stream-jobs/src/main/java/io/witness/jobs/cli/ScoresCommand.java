package io.witness.jobs.cli;

import io.witness.jobs.config.ConfigLoader;
import io.witness.jobs.config.MonitorConfig;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.core.BoundMonitor;
import io.witness.jobs.replay.ScoreReplay;
import io.witness.operators.forecast.ForecastMethod;
import io.witness.operators.monitor.MonitorFactory;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** The {@code replay --scores} branch of {@link ReplayCommand}. */
final class ScoresCommand {

    private ScoresCommand() {
    }

    static int run(Path config, String monitorId, Path input, Path output) throws IOException {
        if (output == null) {
            throw new WitnessCli.UserError("--scores needs --output <folder>");
        }
        if (!Files.exists(input)) {
            throw new WitnessCli.UserError("input " + input + " does not exist");
        }
        if (Files.isRegularFile(output)) {
            throw new WitnessCli.UserError("--output " + output + " is a file; --scores writes into a folder");
        }
        MonitorFactory factory = config == null ? ForecastMethod.defaults() : fromConfig(config, monitorId);
        ScoreReplay.Result r;
        try {
            Files.createDirectories(output);
            r = new ScoreReplay(factory).run(input, output);
        } catch (IllegalArgumentException e) {
            throw new WitnessCli.UserError(e.getMessage());
        } catch (NoSuchFileException e) {
            throw new WitnessCli.UserError("cannot open " + e.getFile() + ": no such file or folder");
        } catch (FileSystemException e) {
            throw new WitnessCli.UserError("cannot write " + e.getFile() + (e.getReason() == null ? "" : ": " + e.getReason()));
        }
        System.err.println("witness: " + r.summary());
        return 0;
    }

    private static MonitorFactory fromConfig(Path config, String monitorId) {
        WitnessConfig c = ConfigLoader.load(config);
        List<MonitorConfig> ms = c.monitors();
        MonitorConfig chosen;
        if (monitorId != null) {
            chosen = ms.stream().filter(m -> m.id().equals(monitorId)).findFirst().orElseThrow(() ->
                    new WitnessCli.UserError("no monitor '" + monitorId + "' in " + config));
        } else if (ms.size() == 1) {
            chosen = ms.get(0);
        } else {
            throw new WitnessCli.UserError(config + " has " + ms.size() + " monitors: pick one with --monitor");
        }
        MonitorFactory f = BoundMonitor.bind(chosen).factory();
        if (f.dimension() != 1) {
            throw new WitnessCli.UserError("monitor '" + chosen.id() + "' reads " + f.dimension()
                    + " fields; --scores needs a monitor with one input field");
        }
        return f;
    }
}
