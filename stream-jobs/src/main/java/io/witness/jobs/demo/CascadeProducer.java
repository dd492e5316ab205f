package io.witness.jobs.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays a {@link CascadeScenario} onto its topic in real time: every 20 ms it sends the events that
 * have fallen due (event time = their scheduled wall-clock time), keyed by cluster. Runs until
 * {@link #close()} or the duration has elapsed; meant for a thread of its own.
 */
public final class CascadeProducer implements Runnable, AutoCloseable {
    private final String bootstrapServers;
    private final CascadeScenario scenario;
    private final Duration duration;
    private final AtomicLong sent = new AtomicLong();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean closeRequested;
    private volatile boolean running;

    public CascadeProducer(String bootstrapServers, CascadeScenario scenario, Duration duration) {
        this.bootstrapServers = bootstrapServers;
        this.scenario = scenario;
        this.duration = duration;
    }

    @Override
    public void run() {
        running = true;
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.setProperty(ProducerConfig.CLIENT_ID_CONFIG, "witness-demo-cascades");
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.setProperty(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        long end = System.currentTimeMillis() + duration.toMillis();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            while (!closeRequested && !Thread.currentThread().isInterrupted() && System.currentTimeMillis() < end) {
                for (CascadeScenario.Event e : scenario.due(System.currentTimeMillis())) {
                    producer.send(new ProducerRecord<>(CascadeScenario.TOPIC, null, e.timeMillis(), e.key(),
                            e.toJson().getBytes(StandardCharsets.UTF_8)), (md, err) -> {
                                if (err == null) {
                                    sent.incrementAndGet();
                                }
                            });
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
            producer.flush();
        } finally {
            running = false;
            finished.countDown();
        }
    }

    public long sent() {
        return sent.get();
    }

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
