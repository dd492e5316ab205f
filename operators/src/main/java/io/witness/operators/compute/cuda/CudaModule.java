package io.witness.operators.compute.cuda;

import io.witness.operators.compute.Precision;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * The PTX of {@code operators/src/main/cuda/witness_kernels.cu}, loaded into the current context, and
 * its entry points for one precision: {@code witness_kv_<d|f>_<DMAX>}, {@code witness_gram_…},
 * {@code witness_reduce_…}, {@code witness_feature_map_…}.
 */
final class CudaModule {

    /** The resource (next to this class) that {@code build-ptx.sh} writes. */
    static final String PTX_RESOURCE = "witness_kernels.ptx";
    /** Largest dimensions kept in registers by the specialised kernels; above 64 the generic one reads memory. */
    static final int[] REGISTER_DIMS = {8, 16, 32, 64};

    private final CUmodule module;
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final String suffix;

    /** Loads the module into the context current on this thread. */
    CudaModule(Precision precision) {
        this.suffix = precision == Precision.FLOAT ? "f" : "d";
        this.module = new CUmodule();
        JCudaDriver.cuModuleLoadData(module, ptx());
        for (int dm : new int[] {0, 8, 16, 32, 64}) {
            load("witness_kv_" + suffix + "_" + dm);
            load("witness_gram_" + suffix + "_" + dm);
        }
        load("witness_reduce_" + suffix);
        load("witness_feature_map_" + suffix);
    }

    /** The PTX text, NUL-terminated as {@code cuModuleLoadData} wants it. */
    static byte[] ptx() {
        try (InputStream in = CudaModule.class.getResourceAsStream(PTX_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + PTX_RESOURCE + " next to " + CudaModule.class.getName());
            }
            byte[] text = in.readAllBytes();
            byte[] z = new byte[text.length + 1];
            System.arraycopy(text, 0, z, 0, text.length);
            return z;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void load(String name) {
        CUfunction f = new CUfunction();
        JCudaDriver.cuModuleGetFunction(f, module, name);
        functions.put(name, f);
    }

    /** The smallest register-resident specialisation that holds d coordinates, or 0 (generic). */
    static int registerDim(int d) {
        for (int dm : REGISTER_DIMS) {
            if (d <= dm) {
                return dm;
            }
        }
        return 0;
    }

    CUfunction kv(int d) {
        return functions.get("witness_kv_" + suffix + "_" + registerDim(d));
    }

    CUfunction gram(int d) {
        return functions.get("witness_gram_" + suffix + "_" + registerDim(d));
    }

    CUfunction reduce() {
        return functions.get("witness_reduce_" + suffix);
    }

    CUfunction featureMap() {
        return functions.get("witness_feature_map_" + suffix);
    }

    void unload() {
        JCudaDriver.cuModuleUnload(module);
    }
}
