package io.witness.operators.compute.cuda;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;

import jcuda.driver.CUdevice;
import jcuda.driver.JCudaDriver;

/**
 * Asks the CUDA driver, once per JVM, whether a usable device is there. Catches everything: on a machine
 * without a GPU the first {@code cuInit} throws {@link UnsatisfiedLinkError} (no {@code libcuda.so.1})
 * and later calls {@link NoClassDefFoundError} (STACK.md), so the answer is remembered rather than asked
 * again.
 */
public final class CudaProbe {

    /** The PTX targets {@code compute_80}: the driver can JIT it for compute capability 8.0 and newer. */
    public static final int MIN_MAJOR = 8;

    /** The probe's answer. {@code reason} says why not, or names the device. */
    public record Result(boolean available, String deviceName, int major, int minor, String reason) {
    }

    private static Result result;

    private CudaProbe() {
    }

    /** The answer, probing on the first call. */
    public static synchronized Result result() {
        if (result == null) {
            result = probe();
        }
        return result;
    }

    private static Result probe() {
        try {
            JCudaDriver.setExceptionsEnabled(true);
            JCudaDriver.cuInit(0);
            int[] count = {0};
            JCudaDriver.cuDeviceGetCount(count);
            if (count[0] == 0) {
                return new Result(false, null, 0, 0, "the CUDA driver reports no device");
            }
            CUdevice device = new CUdevice();
            JCudaDriver.cuDeviceGet(device, 0);
            byte[] name = new byte[256];
            JCudaDriver.cuDeviceGetName(name, name.length, device);
            String deviceName = new String(name, java.nio.charset.StandardCharsets.US_ASCII).trim().replace("\0", "");
            int[] major = {0};
            int[] minor = {0};
            JCudaDriver.cuDeviceGetAttribute(major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device);
            JCudaDriver.cuDeviceGetAttribute(minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device);
            if (major[0] < MIN_MAJOR) {
                return new Result(false, deviceName, major[0], minor[0], "device 0 (" + deviceName
                        + ") has compute capability " + major[0] + "." + minor[0] + "; the kernels need "
                        + MIN_MAJOR + ".0 or newer");
            }
            return new Result(true, deviceName, major[0], minor[0],
                    "device 0: " + deviceName + " (compute capability " + major[0] + "." + minor[0] + ")");
        } catch (Throwable t) {
            return new Result(false, null, 0, 0, describe(t));
        }
    }

    private static final java.util.regex.Pattern MISSING_LIBRARY =
            java.util.regex.Pattern.compile("(\\S+\\.so[.0-9]*): cannot open shared object file[^\\t\\n]*");

    /**
     * {@code SimpleName: first line of the message}, plus the missing shared library when JCuda's long
     * loader report names one: one short line for a log and a metric label.
     */
    public static String describe(Throwable t) {
        String msg = t.getMessage();
        if (msg == null) {
            return t.getClass().getSimpleName();
        }
        String first = msg.split("\\R", 2)[0].trim();
        java.util.regex.Matcher missing = MISSING_LIBRARY.matcher(msg);
        if (missing.find() && !first.contains(missing.group())) {
            first = first + " (" + missing.group().trim() + ")";
        }
        if (first.length() > 300) {
            first = first.substring(0, 297) + "...";
        }
        return t.getClass().getSimpleName() + ": " + first;
    }
}
