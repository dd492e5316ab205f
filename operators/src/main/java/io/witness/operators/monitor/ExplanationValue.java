package io.witness.operators.monitor;

import java.util.Arrays;
import java.util.List;

/**
 * One entry of a step's explanation, typed: consumers read numbers as numbers and vectors as arrays
 * instead of parsing text (issue 15). The wire form of each kind (Avro union branch, JSON value) is
 * documented in {@code schemas/README.md}; {@link #typeName()} is the name used there.
 *
 * <p>Built with the short factories ({@code number(x)}, {@code integer(n)}, …); the arrays are copied
 * so an explanation never aliases a model's mutable state.
 */
public sealed interface ExplanationValue {

    /** The type's name in the documentation tables: number, integer, boolean, text, vector, matrix, names. */
    String typeName();

    /** The value of a number or an integer, for readers that want a double; fails on any other kind. */
    default double asDouble() {
        throw new IllegalStateException("not a number: " + typeName() + " " + this);
    }

    /** The value of an integer; fails on any other kind. */
    default long asLong() {
        throw new IllegalStateException("not an integer: " + typeName() + " " + this);
    }

    /** The value of a text; fails on any other kind. */
    default String asText() {
        throw new IllegalStateException("not a text: " + typeName() + " " + this);
    }

    /** The value of a list of names; fails on any other kind. */
    default List<String> asNames() {
        throw new IllegalStateException("not names: " + typeName() + " " + this);
    }

    /** A real number (may be non-finite: NaN where a figure is undefined). */
    record Num(double value) implements ExplanationValue {
        @Override
        public double asDouble() {
            return value;
        }

        @Override
        public String typeName() {
            return "number";
        }
    }

    /** A count, index or seed. */
    record Count(long value) implements ExplanationValue {
        @Override
        public double asDouble() {
            return value;
        }

        @Override
        public long asLong() {
            return value;
        }

        @Override
        public String typeName() {
            return "integer";
        }
    }

    record Flag(boolean value) implements ExplanationValue {
        @Override
        public String typeName() {
            return "boolean";
        }
    }

    /** A name or a short human-readable summary. */
    record Text(String value) implements ExplanationValue {
        public Text {
            if (value == null) {
                throw new IllegalArgumentException("an explanation text is not null");
            }
        }

        @Override
        public String asText() {
            return value;
        }

        @Override
        public String typeName() {
            return "text";
        }
    }

    /** A vector of reals (NaN where an entry is undefined). */
    record Vector(double[] values) implements ExplanationValue {
        public Vector {
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        public int size() {
            return values.length;
        }

        public double get(int i) {
            return values[i];
        }

        @Override
        public String typeName() {
            return "vector";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Vector v && Arrays.equals(values, v.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }

    /** A matrix of reals, row-major (each row its own array; rows may differ in length only if the method says so). */
    record Matrix(double[][] rows) implements ExplanationValue {
        public Matrix {
            rows = copyOf(rows);
        }

        @Override
        public double[][] rows() {
            return copyOf(rows);
        }

        /** Row i's length (rows may differ where the method says so). */
        public int rowLength(int i) {
            return rows[i].length;
        }

        private static double[][] copyOf(double[][] rows) {
            double[][] copy = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                copy[i] = rows[i].clone();
            }
            return copy;
        }

        public double get(int i, int j) {
            return rows[i][j];
        }

        public int rowCount() {
            return rows.length;
        }

        @Override
        public String typeName() {
            return "matrix";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Matrix m && Arrays.deepEquals(rows, m.rows);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(rows);
        }

        @Override
        public String toString() {
            return Arrays.deepToString(rows);
        }
    }

    /** A list of names (event types, edges, fields). */
    record Names(List<String> values) implements ExplanationValue {
        public Names {
            values = List.copyOf(values);
        }

        @Override
        public List<String> asNames() {
            return values;
        }

        @Override
        public String typeName() {
            return "names";
        }
    }

    static ExplanationValue number(double v) {
        return new Num(v);
    }

    static ExplanationValue integer(long v) {
        return new Count(v);
    }

    static ExplanationValue flag(boolean v) {
        return new Flag(v);
    }

    static ExplanationValue text(String v) {
        return new Text(v);
    }

    static ExplanationValue vector(double... v) {
        return new Vector(v);
    }

    static ExplanationValue matrix(double[][] rows) {
        return new Matrix(rows);
    }

    /** A p×p matrix from its row-major entries. */
    static ExplanationValue matrix(double[] rowMajor, int p) {
        double[][] rows = new double[p][p];
        for (int i = 0; i < p; i++) {
            System.arraycopy(rowMajor, i * p, rows[i], 0, p);
        }
        return new Matrix(rows);
    }

    static ExplanationValue names(List<String> v) {
        return new Names(v);
    }
}
