package io.witness.jobs.demo;

import io.witness.schemas.Alert;
import io.witness.schemas.Decision;
import io.witness.schemas.Evidence;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * Closes the loop in {@code witness demo}: turns the monitors' own evidence and alerts into triage
 * requests for the {@value TriageWorld#BANDIT} bandit, and plays the on-call operator who answers each
 * decision after a random delay (exponential, mean {@code meanDelayMillis}) with a reward from
 * {@link TriageWorld}. Requests: every alert record at once, and {@code requestsPerSecond} evidence steps
 * drawn uniformly from the latest step of every (monitor, key). Runs on its own thread; the demo's
 * consumer thread hands it evidence, alerts and decisions. Every decision is scored in {@link #ledger()}.
 */
public final class TriageSimulator implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TriageSimulator.class);
    static final String KEY = "oncall";
    private static final int MAX_SOURCES = 1000;
    private static final int MAX_OPEN = 10_000;

    private final String bootstrap;
    private final String requestsTopic;
    private final String feedbackTopic;
    private final long tickMillis;
    private final double meanDelayMillis;
    private final SplittableRandom random;
    private final TriageLedger ledger = new TriageLedger();
    private final Map<String, Evidence> latest = new LinkedHashMap<>();
    private final Deque<Evidence> alerts = new ArrayDeque<>();
    private final Map<String, double[]> contexts = new LinkedHashMap<>();
    private final PriorityQueue<Object[]> feedback = new PriorityQueue<>((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
    private volatile boolean stop;
    private long sequence;

    public TriageSimulator(String bootstrap, String requestsTopic, String feedbackTopic, long seed,
                           double requestsPerSecond, double meanDelayMillis) {
        this.bootstrap = bootstrap;
        this.requestsTopic = requestsTopic;
        this.feedbackTopic = feedbackTopic;
        this.tickMillis = Math.max(1, Math.round(1000 / requestsPerSecond));
        this.meanDelayMillis = meanDelayMillis;
        this.random = new SplittableRandom(seed);
    }

    public TriageLedger ledger() {
        return ledger;
    }

    public synchronized void offerEvidence(Evidence e) {
        String source = e.getMonitor() + "/" + e.getKey();
        if (latest.containsKey(source) || latest.size() < MAX_SOURCES) {
            latest.put(source, e);
        }
    }

    public synchronized void offerAlert(Alert a) {
        if (alerts.size() < MAX_SOURCES) {
            alerts.add(a.getEvidence());
        }
    }

    /** A decision came back: score it and schedule the operator's verdict. */
    public synchronized void onDecision(Decision d) {
        double[] c = contexts.remove(d.getRequestId());
        if (c == null || !TriageWorld.BANDIT.equals(d.getBandit())) {
            return;
        }
        int action = TriageWorld.ACTIONS.indexOf(d.getAction());
        ledger.record(c, action);
        double reward = TriageWorld.reward(action, c, random);
        long delay = Math.round(-meanDelayMillis * Math.log(1.0 - random.nextDouble()));
        feedback.add(new Object[] {System.currentTimeMillis() + delay, d.getRequestId(), reward});
    }

    /** The next request's context, or null while no evidence has arrived. */
    private synchronized String nextRequest(long now) {
        Evidence e = alerts.poll();
        if (e == null && !latest.isEmpty()) {
            List<Evidence> all = new ArrayList<>(latest.values());
            e = all.get(random.nextInt(all.size()));
        }
        if (e == null || contexts.size() >= MAX_OPEN) {
            return null;
        }
        double eValue = e.getEValue() == null ? 1.0 : e.getEValue();
        double[] c = TriageWorld.context(e.getMonitor(), e.getKey(), eValue);
        String id = "tr-" + (++sequence);
        contexts.put(id, c);
        return TriageWorld.requestJson(id, KEY, now, c);
    }

    private synchronized List<String> dueFeedback(long now) {
        List<String> out = new ArrayList<>();
        while (!feedback.isEmpty() && (Long) feedback.peek()[0] <= now) {
            Object[] f = feedback.poll();
            out.add(TriageWorld.feedbackJson((String) f[1], KEY, now, (Double) f[2]));
        }
        return out;
    }

    @Override
    public void run() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "witness-demo-triage");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            long nextRequest = System.currentTimeMillis();
            while (!stop) {
                long now = System.currentTimeMillis();
                for (String f : dueFeedback(now)) {
                    producer.send(new ProducerRecord<>(feedbackTopic, KEY, f));
                }
                if (now >= nextRequest) {
                    nextRequest += tickMillis;
                    String r = nextRequest(now);
                    if (r != null) {
                        producer.send(new ProducerRecord<>(requestsTopic, KEY, r));
                    }
                }
                Thread.sleep(20);
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("triage simulator stopped: {}", e.toString());
        }
    }

    @Override
    public void close() {
        stop = true;
    }
}
