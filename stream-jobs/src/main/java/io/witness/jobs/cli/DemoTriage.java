package io.witness.jobs.cli;

import io.witness.jobs.codec.AvroJson;
import io.witness.jobs.config.BanditConfig;
import io.witness.jobs.config.MonitorConfig;
import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.demo.TriageLedger;
import io.witness.jobs.demo.TriageSimulator;
import io.witness.jobs.demo.TriageWorld;
import io.witness.schemas.Alert;
import io.witness.schemas.Decision;
import io.witness.schemas.Evidence;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The demo's triage loop around the console consumer: runs the {@link TriageSimulator} when the
 * configuration has the {@value TriageWorld#BANDIT} bandit, adds its decisions topic to the consumer, and
 * hands it every evidence, alert and decision record the consumer reads.
 */
final class DemoTriage implements AutoCloseable {
    /** Triage requests per second drawn from the monitors' evidence. */
    static final double REQUESTS_PER_SECOND = 4;
    /** Mean delay of the simulated operator's answer. */
    static final double MEAN_FEEDBACK_DELAY_MS = 3000;

    private final TriageSimulator simulator;
    private final String decisions;
    private final Set<String> evidence = new HashSet<>();
    private final Set<String> alerts = new HashSet<>();

    private DemoTriage(TriageSimulator simulator, String decisions, WitnessConfig c) {
        this.simulator = simulator;
        this.decisions = decisions;
        c.monitors().stream().map(MonitorConfig::evidenceTopic).forEach(evidence::add);
        c.monitors().stream().map(MonitorConfig::alertsTopic).forEach(alerts::add);
    }

    /** Starts the simulator, or returns null when the configuration has no triage bandit. */
    static DemoTriage start(WitnessConfig c, String bootstrap, long seed) {
        BanditConfig b = c.bandits().stream().filter(x -> x.id().equals(TriageWorld.BANDIT)).findFirst().orElse(null);
        if (b == null) {
            return null;
        }
        TriageSimulator sim = new TriageSimulator(bootstrap, b.requestsTopic(), b.feedbackTopic(), seed,
                REQUESTS_PER_SECOND, MEAN_FEEDBACK_DELAY_MS);
        Thread t = new Thread(sim, "witness-demo-triage");
        t.setDaemon(true);
        t.start();
        System.out.printf("witness demo: bandit '%s' triages the monitors' evidence and alerts (%s -> %s); a simulated "
                + "operator answers after ~%.0f s%n", b.id(), b.requestsTopic(), b.decisionsTopic(), MEAN_FEEDBACK_DELAY_MS / 1000);
        return new DemoTriage(sim, b.decisionsTopic(), c);
    }

    TriageLedger ledger() {
        return simulator.ledger();
    }

    /** The console consumer's topics: the live page's, plus the triage decisions. */
    static List<String> topics(Set<String> live, DemoTriage triage) {
        Set<String> all = new LinkedHashSet<>(live);
        if (triage != null) {
            all.add(triage.decisions);
        }
        return new ArrayList<>(all);
    }

    /** Hands a record to the triage loop; true when it was a decision (evidence and alerts go on to the live page). */
    static boolean dispatch(ConsumerRecord<byte[], byte[]> r, DemoTriage triage) {
        return triage != null && triage.accept(r);
    }

    private boolean accept(ConsumerRecord<byte[], byte[]> r) {
        try {
            if (r.topic().equals(decisions)) {
                simulator.onDecision(AvroJson.read(r.value(), Decision.class));
                return true;
            }
            if (alerts.contains(r.topic())) {
                simulator.offerAlert(AvroJson.read(r.value(), Alert.class));
            } else if (evidence.contains(r.topic())) {
                simulator.offerEvidence(AvroJson.read(r.value(), Evidence.class));
            }
        } catch (IOException | RuntimeException e) {
            // not a record of ours (a shared topic): the live page decides what to do with it
        }
        return false;
    }

    @Override
    public void close() {
        simulator.close();
    }
}
