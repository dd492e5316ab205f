package io.witness.jobs.core;

import io.witness.jobs.config.MethodRegistry;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateOutput;
import io.witness.operators.monitor.StateShape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The job's record of state shapes, kept once per job (Flink operator state, not per key): for each
 * monitor the full {@link StateShape} its keys' states were written under and the digests a reset has
 * retired. At start-up {@link #reconcile} compares it with the configuration: an unchanged shape passes,
 * a changed one fails in one line naming the monitor and the parameter — unless the user asked to reset
 * that monitor, which retires the old shape so its keys start fresh when next touched (also after later
 * restarts). Per key only an 8-byte digest is stored ({@link KeyedState}).
 */
public final class JobShapes {
    private static final int RECORD_VERSION = 1;

    /** One monitor's entry: its current shape and the digests retired by resets. */
    public record Entry(String monitor, StateShape shape, Set<Long> retired) {
        public Entry {
            retired = Set.copyOf(retired);
        }

        /**
         * Bytes: version (1), monitor id (modified UTF-8), the shape ({@link StateShape#write}), retired
         * count (2), then 8 bytes per retired digest.
         */
        public byte[] toBytes() {
            StateOutput out = new StateOutput(128);
            try {
                out.writeByte(RECORD_VERSION);
                out.writeUTF(monitor);
                shape.write(out);
                out.writeShort(retired.size());
                for (long d : retired) {
                    out.writeLong(d);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        public static Entry fromBytes(byte[] bytes) throws IOException {
            StateInput in = new StateInput(bytes);
            int version = in.readUnsignedByte();
            if (version != RECORD_VERSION) {
                throw new IOException("unknown Witness state-shape record version " + version
                        + " (this build reads " + RECORD_VERSION + ")");
            }
            String monitor = in.readUTF();
            StateShape shape = StateShape.read(in);
            int n = in.readUnsignedShort();
            Set<Long> retired = new LinkedHashSet<>();
            for (int i = 0; i < n; i++) {
                retired.add(in.readLong());
            }
            return new Entry(monitor, shape, retired);
        }
    }

    /** What {@link #reconcile} decided: a guard per configured monitor, and the record to keep. */
    public record Reconciled(Map<String, ShapeGuard> guards, List<Entry> record, List<String> resets) {
    }

    private JobShapes() {
    }

    /**
     * @param monitors  the configured monitors, by id
     * @param restored  the record restored with the job's state (empty for a fresh start or a state
     *                  written before shapes were recorded)
     * @param restoring true when the job starts from a checkpoint or savepoint
     * @throws StateShapeException for the first monitor whose shape changed without a reset
     */
    public static Reconciled reconcile(Map<String, BoundMonitor> monitors, List<Entry> restored, boolean restoring) {
        Map<String, Entry> before = new LinkedHashMap<>();
        restored.forEach(e -> before.put(e.monitor(), e));
        Map<String, ShapeGuard> guards = new LinkedHashMap<>();
        List<Entry> record = new ArrayList<>();
        List<String> resets = new ArrayList<>();
        for (BoundMonitor b : monitors.values()) {
            String id = b.config().id();
            boolean reset = b.config().resetState();
            StateShape now = b.factory().stateShape();
            Entry old = before.remove(id);
            Set<Long> retired = new LinkedHashSet<>();
            if (old == null) {
                if (restoring && reset) {
                    // no record of what wrote this monitor's states (written before shapes were
                    // recorded): the reset the user asked for can only mean the unstamped ones
                    retired.add(ShapeGuard.LEGACY);
                    resets.add("monitor '" + id + "': state written before state shapes were recorded starts fresh (reset-state)");
                }
            } else {
                retired.addAll(old.retired());
                String change = now.firstDifference(old.shape());
                if (change != null) {
                    if (!reset) {
                        throw new StateShapeException("monitor '" + id + "': state-shaping " + change
                                + " since its state was written; " + StateShapeException.remedy(id));
                    }
                    retired.add(old.shape().digest());
                    retired.add(ShapeGuard.LEGACY);
                    resets.add("monitor '" + id + "': " + change + "; its keys start fresh (reset-state)");
                }
            }
            retired.remove(now.digest());   // a shape that is current again is not retired
            Entry e = new Entry(id, now, retired);
            record.add(e);
            guards.put(id, new ShapeGuard(id, MethodRegistry.stateId(now.method()), now, retired, reset));
        }
        record.addAll(before.values());   // monitors no longer configured keep their record (their keys remain)
        return new Reconciled(guards, record, resets);
    }
}
