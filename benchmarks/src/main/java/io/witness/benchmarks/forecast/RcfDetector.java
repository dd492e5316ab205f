package io.witness.benchmarks.forecast;

import com.amazon.randomcutforest.parkservices.AnomalyDescriptor;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import com.amazon.randomcutforest.parkservices.state.ThresholdedRandomCutForestMapper;
import com.amazon.randomcutforest.parkservices.state.ThresholdedRandomCutForestState;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.protostuff.LinkedBuffer;
import io.protostuff.ProtostuffIOUtil;
import io.protostuff.Schema;
import io.protostuff.runtime.RuntimeSchema;

import java.io.UncheckedIOException;

/**
 * AWS Random Cut Forest 4.4.0, {@code ThresholdedRandomCutForest} as a user would set it up for one
 * metric: internal shingling with shingle 8, 50 trees, everything else default. Alarm = anomaly grade
 * &gt; 0. State: its own mapper to {@code ThresholdedRandomCutForestState}, then protostuff (the route
 * its documentation shows) and Jackson JSON; {@link #stateBytes} is the smaller (protostuff).
 */
final class RcfDetector implements Detector {
    static final int SHINGLE = 8;
    static final int TREES = 50;
    private static final Schema<ThresholdedRandomCutForestState> SCHEMA =
            RuntimeSchema.getSchema(ThresholdedRandomCutForestState.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ThresholdedRandomCutForest forest;

    RcfDetector(long seed) {
        forest = ThresholdedRandomCutForest.builder()
                .dimensions(SHINGLE)
                .shingleSize(SHINGLE)
                .internalShinglingEnabled(true)
                .numberOfTrees(TREES)
                .randomSeed(seed)
                .build();
    }

    @Override
    public boolean alarm(long time, double value) {
        AnomalyDescriptor d = forest.process(new double[] {value}, time);
        return d.getAnomalyGrade() > 0;
    }

    private ThresholdedRandomCutForestState state() {
        return new ThresholdedRandomCutForestMapper().toState(forest);
    }

    @Override
    public long stateBytes() {
        return ProtostuffIOUtil.toByteArray(state(), SCHEMA, LinkedBuffer.allocate(1 << 16)).length;
    }

    long jsonBytes() {
        try {
            return JSON.writeValueAsBytes(state()).length;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
