package io.witness.jobs.replay;

import io.witness.operators.monitor.PerEventScore;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * The columns {@code replay --scores} appends to each row, in order: a new column is one entry here
 * (its header name, its cell for a scored row; an unscored row leaves every cell empty but alarm 0).
 */
final class ScoreColumns {

    /** One appended column. */
    private record Column(String name, Function<PerEventScore, String> cell, String unscored) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("anomaly_score", s -> Double.toString(s.lastScore()), ""),
            new Column("alarm", s -> s.lastAlarm() ? "1" : "0", "0"),
            new Column("surprise", s -> Double.isNaN(s.lastSurprise()) ? "" : Double.toString(s.lastSurprise()), ""));

    private static final byte[] HEADER = line(COLUMNS.stream().map(Column::name).toList());
    private static final byte[] UNSCORED = line(COLUMNS.stream().map(Column::unscored).toList());

    private ScoreColumns() {
    }

    /** {@code ,anomaly_score,alarm,surprise\n}: what follows the input's header. */
    static byte[] header() {
        return HEADER;
    }

    /** The cells of a row the model did not score (unusable, warm-up, gap). */
    static byte[] unscored() {
        return UNSCORED;
    }

    /** The cells of a scored row, from the model's last update. */
    static byte[] scored(PerEventScore s) {
        return line(COLUMNS.stream().map(c -> c.cell().apply(s)).toList());
    }

    private static byte[] line(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (String c : cells) {
            b.append(',').append(c);
        }
        return b.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }
}
