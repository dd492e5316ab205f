package io.witness.jobs.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a {@link DemoScenario} onto a Kafka topic in real time: every tick it asks the scenario for one
 * event per key, stamped with the wall clock, and sends each with the key as the record key (so one
 * service's events stay in order on one partition). Runs until {@link #close()} or until the duration
 * has elapsed. Meant to run on a thread of its own; the scenario must not be used by anyone else meanwhile.
 */
public final class ScenarioProducer implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioProducer.class);

    public static final double DEFAULT_EVENTS_PER_SECOND_PER_KEY = 40.0;

    private final String bootstrapServers;
    private final String topic;
    private final DemoScenario scenario;
    private final long tickNanos;
    private final Duration duration;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running;
    private volatile boolean closeRequested;

    /**
     * @param eventsPerSecondPerKey ticks per second; each tick sends one event for every key
     * @param duration              how long to run; null runs until closed
     */
    public ScenarioProducer(String bootstrapServers, String topic, DemoScenario scenario,
                            double eventsPerSecondPerKey, Duration duration) {
        if (!(eventsPerSecondPerKey > 0) || Double.isInfinite(eventsPerSecondPerKey)) {
            throw new IllegalArgumentException("eventsPerSecondPerKey must be positive and finite: " + eventsPerSecondPerKey);
        }
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.scenario = scenario;
        this.tickNanos = Math.max(1L, Math.round(1e9 / eventsPerSecondPerKey));
        this.duration = duration;
    }

    /** 40 events per second per key, until closed. */
    public ScenarioProducer(String bootstrapServers, String topic, DemoScenario scenario) {
        this(bootstrapServers, topic, scenario, DEFAULT_EVENTS_PER_SECOND_PER_KEY, null);
    }

    @Override
    public void run() {
        running = true;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties())) {
            long startNanos = System.nanoTime();
            long endNanos = duration == null ? Long.MAX_VALUE : startNanos + duration.toNanos();
            long nextTick = startNanos;
            while (!closeRequested && !Thread.currentThread().isInterrupted() && System.nanoTime() < endNanos) {
                sendTick(producer, System.currentTimeMillis());
                nextTick += tickNanos;
                long now = System.nanoTime();
                if (now - nextTick > tickNanos) {
                    // Fell behind (GC pause, slow broker): skip the missed ticks rather than send a burst,
                    // so the event rate stays what the demo promises.
                    nextTick = now;
                }
                long wait = Math.min(nextTick, endNanos) - now;
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            producer.flush();
        } finally {
            running = false;
            finished.countDown();
            LOG.info("Scenario producer stopped: {} events sent to {}, {} failed", sent.get(), topic, failed.get());
        }
    }

    private void sendTick(KafkaProducer<String, byte[]> producer, long timeMillis) {
        List<DemoEvent> events = scenario.next(timeMillis);
        for (DemoEvent event : events) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                    topic, null, timeMillis, event.key(), event.toJson().getBytes(StandardCharsets.UTF_8));
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    sent.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    if (firstFailure.compareAndSet(null, error)) {
                        LOG.warn("Sending a demo event to {} failed (further failures are only counted)", topic, error);
                    }
                }
            });
        }
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.setProperty(ProducerConfig.CLIENT_ID_CONFIG, "witness-demo-scenario");
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.setProperty(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /** Events the broker acknowledged. */
    public long sent() {
        return sent.get();
    }

    /** Events the broker did not accept (the first failure is logged). */
    public long failed() {
        return failed.get();
    }

    /** Blocks until run() has returned, at most {@code timeout}; true if it has. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Asks run() to stop and, if it is running, waits for it to flush what it sent (at most 30 s). */
    @Override
    public void close() {
        closeRequested = true;
        if (!running) {
            return;
        }
        try {
            finished.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
