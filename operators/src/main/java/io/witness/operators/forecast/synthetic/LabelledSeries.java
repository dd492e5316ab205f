package io.witness.operators.forecast.synthetic;

/**
 * A synthetic series with its label: values at one-minute steps from {@link SyntheticSeries#START_MS},
 * and the anomaly (if any) occupying {@code [start, start + length)}.
 *
 * @param kind  null for a series with no anomaly
 * @param start index of the first anomalous point (−1 without anomaly)
 */
public record LabelledSeries(String name, long[] times, double[] values, AnomalyKind kind, int start, int length) {

    public int size() {
        return values.length;
    }

    public boolean anomalous(int i) {
        return kind != null && i >= start && i < start + length;
    }
}
