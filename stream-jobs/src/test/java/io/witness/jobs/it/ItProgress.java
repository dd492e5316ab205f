package io.witness.jobs.it;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a job has got, read cheaply from the broker's offsets (a few admin calls, never the records): the
 * consumer group's committed input offsets (the Kafka source commits them when a checkpoint completes, so they
 * say how much input the newest checkpoint covers) and a topic's end offsets. Lets a test act on observed
 * progress rather than on wall time, however fast or slow the machine is.
 */
final class ItProgress implements AutoCloseable {
    private final Admin admin;

    ItProgress(String bootstrap) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "it-progress"));
    }

    /** The sum over the topic's partitions of the group's committed offsets (0 where it has none). */
    long committed(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> m = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        return m.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    /**
     * The sum of a topic's end offsets at that isolation level: read_uncommitted, the high watermark (every
     * record written, aborted ones and transaction markers too); read_committed, the last stable offset.
     */
    long end(String topic, IsolationLevel isolation) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(java.util.List.of(topic)).allTopicNames()
                .get(30, TimeUnit.SECONDS).get(topic).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all().get(30, TimeUnit.SECONDS)
                .values().stream().mapToLong(r -> r.offset()).sum();
    }

    @Override
    public void close() {
        admin.close();
    }
}
