package io.witness.jobs.core;

import io.witness.schemas.DeadLetter;
import io.witness.schemas.Decision;

/** Where the bandit logic puts what it produces: the Flink collector in the job, lists in tests. */
public interface BanditOutput {
    void decision(String topic, Decision decision);

    void deadLetter(String topic, DeadLetter deadLetter);
}
