package io.witness.jobs.flink;

import io.witness.jobs.codec.AvroJson;
import io.witness.jobs.core.OutRecord;
import io.witness.jobs.core.OutputSink;
import io.witness.schemas.Alert;
import io.witness.schemas.DeadLetter;
import io.witness.schemas.Evidence;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Encodes what the monitor logic produces into Kafka records (JSON; Kafka key = event key, so one key stays on one partition). */
final class CollectingSink implements OutputSink {
    private Consumer<OutRecord> out;

    CollectingSink to(Consumer<OutRecord> target) {
        this.out = target;
        return this;
    }

    @Override
    public void evidence(String topic, Evidence e) {
        out.accept(new OutRecord(topic, key(e.getKey()), AvroJson.write(e)));
    }

    @Override
    public void alert(String topic, Alert a) {
        out.accept(new OutRecord(topic, key(a.getKey()), AvroJson.write(a)));
    }

    @Override
    public void deadLetter(String topic, DeadLetter d) {
        out.accept(new OutRecord(topic, key(d.getKey()), AvroJson.write(d)));
    }

    private static byte[] key(String k) {
        return k == null ? null : k.getBytes(StandardCharsets.UTF_8);
    }
}
