package io.witness.jobs.flink;

import org.apache.flink.configuration.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The RocksDB settings Witness applies where it starts Flink itself (run and demo on the embedded
 * MiniCluster, bench, tests); a cluster takes its own flink-conf. Chosen by measurement (docs/performance.md,
 * "Scale", RocksDB options): every key's state is one value read and written by a point look-up, never
 * scanned, and mostly incompressible doubles.
 *
 * <ul>
 * <li>bloom filters: a look-up of a key that is not in a file (every new key; every level below the one
 *     holding the key) skips that file's index and data blocks;</li>
 * <li>no compression: model states are doubles that Snappy does not shrink, so it only costs CPU on every
 *     flush, compaction and read.</li>
 * </ul>
 * Together 6× Flink's defaults at 100,000 kernel-forecast keys beyond the keyed-state cache (same bench
 * invocation); 16 KB blocks were slower and 512 MB of managed memory (Flink's local default: 128 MB) did
 * not help there, so block size, write buffers and managed memory stay Flink's. The README ("Size state and
 * memory") gives the sizing rule per key count.
 * Any of them is overridden by the same key in the Flink configuration Witness is given.
 */
public final class RocksDbSettings {
    /** Setting → value, in the order they are documented. */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("state.backend.rocksdb.use-bloom-filter", "true");
        m.put("state.backend.rocksdb.compression.per.level", "NO_COMPRESSION");
        DEFAULTS = java.util.Collections.unmodifiableMap(m);
    }

    private RocksDbSettings() {
    }

    /** Adds every default that {@code c} does not set already. */
    public static void apply(Configuration c) {
        DEFAULTS.forEach((k, v) -> {
            if (!c.containsKey(k)) {
                c.setString(k, v);
            }
        });
    }
}
