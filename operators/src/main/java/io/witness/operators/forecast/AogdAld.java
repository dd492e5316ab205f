package io.witness.operators.forecast;

import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * AOGD-ALD (spec §D.3, from {@code AOGD-ALD.R}): kernel online gradient descent on the square loss with
 * the self-confident step {@code η = U/√G}, {@code G = 1 + Σ‖ĝ‖²}, where inputs that pass the ALD test
 * contribute their gradient projected on span S, and the model is projected back on the ball
 * {@code ‖f‖_H ≤ U}. Since {@code K_S β = k_S(x)}, the spec's {@code q} is the kernel row itself,
 * {@code c = βᵀk = ‖L⁻¹k‖²} and {@code qᵀa = ŷ}, so a round costs one kernel row, one forward and (on
 * projected rounds) one backward substitution: O(k·d + k²).
 *
 * <p>State: the dictionary, {@code a} (k doubles), G and ‖f‖².
 */
final class AogdAld extends AldRegressor {

    private final double radius;
    private final double[] a;
    private final double[] beta;
    private double gSum = 1.0;
    private double norm2;

    AogdAld(AldDictionary dict, double threshold, double radius) {
        super(dict, threshold);
        this.radius = radius;
        this.a = new double[dict.capacity()];
        this.beta = new double[dict.capacity()];
    }

    @Override
    double predictPrepared() {
        double s = 0;
        for (int i = 0; i < dict.size(); i++) {
            s += a[i] * kRow[i];
        }
        return s;
    }

    @Override
    void learn(double y) {
        double e = prediction - y;
        int k = dict.size();
        if (adds()) {
            double diag = dict.kernel().diagonal();
            gSum += 4 * e * e * diag;
            double g = 2 * radius / Math.sqrt(gSum) * e;
            dict.add(x, l, delta);
            a[k] = -g;
            norm2 = norm2 - 2 * g * prediction + g * g * diag;
        } else {
            // projected gradient 2e·Σβ_i φ(s_i); its squared norm is c = βᵀk = ‖l‖² = k(x,x) − δ
            dict.backward(l, beta);
            double c = dict.kernel().diagonal() - delta;
            gSum += 4 * e * e * c;
            double g = 2 * radius / Math.sqrt(gSum) * e;
            norm2 = norm2 - 2 * g * prediction + g * g * c;
            for (int i = 0; i < k; i++) {
                a[i] -= g * beta[i];
            }
        }
        norm2 = Math.max(norm2, 0.0);
        if (norm2 > radius * radius) {
            double s = radius / Math.sqrt(norm2);
            for (int i = 0; i < dict.size(); i++) {
                a[i] *= s;
            }
            norm2 = radius * radius;
        }
    }

    static int bytesFor(int size, int dim) {
        return AldDictionary.bytesFor(size, dim) + 8 * size + 16;
    }

    @Override
    int stateBytes() {
        return bytesFor(dict.size(), dict.dim());
    }

    @Override
    void write(DataOutput out) throws IOException {
        dict.write(out);
        StateOutput.writeDoubles(out, a, 0, dict.size());
        out.writeDouble(gSum);
        out.writeDouble(norm2);
    }

    @Override
    void read(DataInput in) throws IOException {
        dict.read(in);
        StateInput.readDoubles(in, a, 0, dict.size());
        gSum = in.readDouble();
        norm2 = in.readDouble();
    }
}
