package io.witness.jobs.core;

/**
 * Keyed state as Witness wrote it before envelope version 2: the same bytes without the method id and
 * state-shape digest (bytes 1–9), version byte 1. For tests that stand in for a deployed older job.
 */
public final class LegacyEnvelope {
    private LegacyEnvelope() {
    }

    /** Version-1 bytes of a version-2 state. */
    public static byte[] v1(byte[] v2) {
        if (v2[0] != KeyedState.FORMAT_VERSION) {
            throw new IllegalArgumentException("not a version-" + KeyedState.FORMAT_VERSION + " keyed state");
        }
        byte[] out = new byte[v2.length - (KeyedState.STAMP_BYTES - 1)];
        out[0] = KeyedState.FORMAT_VERSION_1;
        System.arraycopy(v2, KeyedState.STAMP_BYTES, out, 1, v2.length - KeyedState.STAMP_BYTES);
        return out;
    }

}
