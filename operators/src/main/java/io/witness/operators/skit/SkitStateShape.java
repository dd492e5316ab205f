package io.witness.operators.skit;

import io.witness.operators.bettors.BettorKind;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The configuration a SKIT state was made with and that its bytes depend on: the witness kind, its
 * number of frequencies (D per side for {@code rff}, J for {@code joint}; unused for {@code exact}), the
 * precision of its running means, the bettor, and the seed of the frequencies. From format version 2
 * a state carries it (after the version), and a model restored from a state keeps it whatever the
 * configuration says now: a key that started with D = 64 continues with D = 64, new keys get the
 * configured D. A version-1 state does not carry it: it is {@link SkitParameters#version1Shape()}.
 *
 * <p>Bytes ({@value #BYTES}): {@code byte witness code; byte precision (0 double, 1 float);
 * short features; byte bettor (0 ons, 1 agrapa, 2 mixture); long seed; short dx; short dy}. dx and dy
 * are stored only to refuse a state whose roles no longer match (they are the configuration's).
 */
public record SkitStateShape(WitnessKind witness, int features, MeanPrecision precision, BettorKind bettor,
                             long seed) {

    public static final int BYTES = 1 + 1 + 2 + 1 + 8 + 2 + 2;

    void write(DataOutput out, int dx, int dy) throws IOException {
        out.writeByte(witness.code());
        out.writeByte(precision.ordinal());
        out.writeShort(features);
        out.writeByte(bettor.ordinal());
        out.writeLong(seed);
        out.writeShort(dx);
        out.writeShort(dy);
    }

    /** Reads a version-2 shape and checks it against the configured roles. */
    static SkitStateShape read(DataInput in, int dx, int dy) throws IOException {
        int w = in.readUnsignedByte();
        WitnessKind witness = WitnessKind.ofCode(w);
        int p = in.readUnsignedByte();
        int features = in.readUnsignedShort();
        int b = in.readUnsignedByte();
        long seed = in.readLong();
        int sdx = in.readUnsignedShort();
        int sdy = in.readUnsignedShort();
        if (witness == null || p >= MeanPrecision.values().length || b >= BettorKind.values().length) {
            throw new IOException("SKIT state: unknown witness (" + w + "), precision (" + p + ") or bettor ("
                    + b + ") code");
        }
        if (witness.randomFeatures() && (features < 1 || features > SkitMethod.MAX_FEATURES)) {
            throw new IOException("SKIT state: " + features + " frequencies is out of range");
        }
        if (sdx != dx || sdy != dy) {
            throw new IOException("SKIT state was written for x of dimension " + sdx + " and y of dimension " + sdy
                    + "; this monitor has " + dx + " and " + dy);
        }
        return new SkitStateShape(witness, features, MeanPrecision.values()[p], BettorKind.values()[b], seed);
    }

    /** Steady-state bytes of this witness for the given roles (exact: at a full history of maxHistory). */
    int witnessBytes(int dx, int dy, int maxHistory) {
        return switch (witness) {
            case RFF -> RffHsicWitness.bytesFor(features, features, precision);
            case JOINT -> JointRffHsicWitness.bytesFor(features, precision);
            case EXACT -> ExactHsicWitness.bytesFor(maxHistory / 2 * 2, dx, dy);
        };
    }
}
