package io.witness.jobs.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.witness.jobs.codec.AvroJson;
import io.witness.jobs.config.MonitorConfig;
import io.witness.jobs.config.WitnessConfig;
import io.witness.schemas.Alert;
import io.witness.schemas.Evidence;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Feeds a {@link LiveState} from the job's evidence and alert topics (read_committed: what consumers see),
 * for {@code witness run --ui-port}. Assigns every partition itself (no consumer group, nothing committed)
 * and starts {@value #HISTORY_RECORDS} records before the end of each partition, so the page has some
 * history at once without reading days of retention.
 */
public final class LiveFeed implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int HISTORY_RECORDS = 2_000;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Set<String> topics;
    private final LiveState state;
    private volatile boolean closed;

    public LiveFeed(WitnessConfig config, LiveState state) {
        this.topics = topics(config);
        this.state = state;
        this.consumer = new KafkaConsumer<>(consumerProperties(config));
    }

    /** The evidence and alert topics of a configuration. */
    public static Set<String> topics(WitnessConfig config) {
        Set<String> out = new LinkedHashSet<>();
        for (MonitorConfig m : config.monitors()) {
            out.add(m.evidenceTopic());
            out.add(m.alertsTopic());
        }
        return out;
    }

    /**
     * Routes one output record to the state: an Alert (it has an {@code id}) or an Evidence record.
     *
     * @return the alert, when it was one (the demo prints them), else null
     */
    public static Alert dispatch(byte[] value, LiveState state) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(value);
            if (n == null || !n.isObject()) {
                return null;
            }
            if (n.has("id")) {
                Alert a = AvroJson.read(n, Alert.class);
                state.alert(a);
                return a;
            }
            if (n.has("statistic")) {
                state.evidence(AvroJson.read(n, Evidence.class));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("live page: skipped an output record that does not parse: {}", e.toString());
        }
        return null;
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> assigned = List.of();
            while (!closed) {
                if (assigned.isEmpty()) {
                    assigned = assign();
                    if (assigned.isEmpty()) {
                        Thread.sleep(2_000);   // topics not created yet
                        continue;
                    }
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    dispatch(r.value(), state);
                }
            }
        } catch (WakeupException | InterruptedException stop) {
            // closing
        } catch (RuntimeException e) {
            LOG.warn("live page feed stopped: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private List<TopicPartition> assign() {
        List<TopicPartition> parts = new ArrayList<>();
        Map<String, List<PartitionInfo>> all = consumer.listTopics(Duration.ofSeconds(10));
        for (String t : topics) {
            List<PartitionInfo> infos = all.get(t);
            if (infos != null) {
                infos.forEach(p -> parts.add(new TopicPartition(t, p.partition())));
            }
        }
        if (parts.isEmpty()) {
            return parts;
        }
        consumer.assign(parts);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(parts);
        Map<TopicPartition, Long> end = consumer.endOffsets(parts);
        for (TopicPartition p : parts) {
            consumer.seek(p, Math.max(begin.get(p), end.get(p) - HISTORY_RECORDS));
        }
        LOG.info("live page reads {}", parts);
        return parts;
    }

    private static Properties consumerProperties(WitnessConfig config) {
        Properties p = new Properties();
        p.putAll(config.kafka().properties());
        p.put("bootstrap.servers", config.kafka().bootstrapServers());
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.put("client.id", config.job().name() + "-live-page");
        p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        return p;
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
    }
}
