package io.witness.jobs.core;

import io.witness.schemas.Alert;
import io.witness.schemas.DeadLetter;
import io.witness.schemas.Evidence;

/** Where the monitor logic puts what it produces: the Flink collector in the job, files in replay. */
public interface OutputSink {
    void evidence(String topic, Evidence evidence);

    void alert(String topic, Alert alert);

    void deadLetter(String topic, DeadLetter deadLetter);
}
