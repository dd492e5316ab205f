package io.witness.operators.noop;

import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.Step;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * The per-key state of {@code noop}: a version, the observation count and opaque padding up to the
 * configured size. The padding is really read and written on every restore and save (that is the
 * point: the same bytes as the monitor it stands in for), never looked at otherwise.
 *
 * <p>State layout (version {@value #FORMAT_VERSION}): {@code short version; long observations;
 * byte[state-bytes − 10] padding} — exactly {@code state-bytes} bytes.
 */
public final class NoopModel implements Model {

    static final short FORMAT_VERSION = 1;
    /** version + observations. */
    static final int HEADER_BYTES = 2 + 8;

    private final NoopFactory factory;
    private final byte[] padding;
    private long observations;

    NoopModel(NoopFactory factory) {
        this.factory = factory;
        this.padding = new byte[factory.stateBytes() - HEADER_BYTES];
    }

    @Override
    public Step update(long time, double[] values) {
        observations++;
        long counted = observations - factory.silentFor();
        if (counted <= 0 || counted % factory.stepEvery() != 0) {
            return null;
        }
        return new Step(observations, 0.0, 1.0, 1.0, factory.threshold(), false, false, Map.of());
    }

    @Override
    public long observations() {
        return observations;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeShort(FORMAT_VERSION);
        out.writeLong(observations);
        out.write(padding);
    }

    void readState(DataInput in) throws IOException {
        short version = in.readShort();
        if (version != FORMAT_VERSION) {
            throw new IOException("noop state: unknown format version " + version + " (this build reads version "
                    + FORMAT_VERSION + ")");
        }
        observations = in.readLong();
        in.readFully(padding);
    }

    @Override
    public int stateBytes() {
        return HEADER_BYTES + padding.length;
    }
}
