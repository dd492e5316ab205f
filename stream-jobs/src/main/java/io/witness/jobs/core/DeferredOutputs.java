package io.witness.jobs.core;

import io.witness.schemas.Alert;
import io.witness.schemas.DeadLetter;
import io.witness.schemas.Evidence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Outputs of a micro-batch, recorded while the batch is processed key by key and handed on in the
 * order of the observations that produced them (and, per observation, in the order produced): the
 * same sequence as processing the observations one at a time. Reused across batches.
 */
final class DeferredOutputs {
    private static final byte EVIDENCE = 0;
    private static final byte ALERT = 1;
    private static final byte DEAD_LETTER = 2;

    private final List<String> topics = new ArrayList<>();
    private final List<Object> records = new ArrayList<>();
    private byte[] kinds = new byte[64];
    private int[] items = new int[64];

    /** A sink that records outputs for observation {@code item}. */
    OutputSink forItem(int item) {
        return new OutputSink() {
            @Override
            public void evidence(String topic, Evidence e) {
                record(item, EVIDENCE, topic, e);
            }

            @Override
            public void alert(String topic, Alert a) {
                record(item, ALERT, topic, a);
            }

            @Override
            public void deadLetter(String topic, DeadLetter d) {
                record(item, DEAD_LETTER, topic, d);
            }
        };
    }

    private void record(int item, byte kind, String topic, Object r) {
        int at = records.size();
        if (at == kinds.length) {
            kinds = Arrays.copyOf(kinds, 2 * at);
            items = Arrays.copyOf(items, 2 * at);
        }
        kinds[at] = kind;
        items[at] = item;
        topics.add(topic);
        records.add(r);
    }

    /** Hands every recorded output to its observation's sink, observations in order 0..n-1, then forgets them. */
    void emitInOrder(int n, IntFunction<OutputSink> sinks) {
        int m = records.size();
        // counting sort by observation: stable, so an observation's outputs keep their own order
        int[] start = new int[n + 1];
        for (int k = 0; k < m; k++) {
            start[items[k] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            start[i + 1] += start[i];
        }
        int[] order = new int[m];
        for (int k = 0; k < m; k++) {
            order[start[items[k]]++] = k;
        }
        int k = 0;
        for (int i = 0; i < n && k < m; i++) {
            OutputSink sink = null;
            while (k < m && items[order[k]] == i) {
                int e = order[k++];
                if (sink == null) {
                    sink = sinks.apply(i);
                }
                switch (kinds[e]) {
                    case EVIDENCE -> sink.evidence(topics.get(e), (Evidence) records.get(e));
                    case ALERT -> sink.alert(topics.get(e), (Alert) records.get(e));
                    default -> sink.deadLetter(topics.get(e), (DeadLetter) records.get(e));
                }
            }
        }
        topics.clear();
        records.clear();
    }
}
