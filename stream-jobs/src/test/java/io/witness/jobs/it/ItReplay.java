package io.witness.jobs.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.replay.ReplayRunner;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What {@code witness replay} gives for the restart tests' input: the reference their committed outputs must equal. */
record ItReplay(List<JsonNode> evidence, List<JsonNode> alerts, List<JsonNode> deadLetters) {

    /** Replays a JSONL file with a configuration. */
    static ItReplay of(WitnessConfig config, Path input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream dead = new ByteArrayOutputStream();
        new ReplayRunner(config).run(input, out, dead);
        List<JsonNode> evidence = new ArrayList<>();
        List<JsonNode> alerts = new ArrayList<>();
        for (JsonNode n : ItKafka.parseLines(out.toByteArray())) {
            (n.has("id") ? alerts : evidence).add(n);
        }
        return new ItReplay(evidence, alerts, ItKafka.parseLines(dead.toByteArray()));
    }

    /** Writes the lines as the JSONL file replay reads. */
    static Path write(Path file, List<ItScenario.Line> lines) throws Exception {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ItScenario.Line l : lines) {
                w.write(l.json());
                w.newLine();
            }
        }
        return file;
    }
}
