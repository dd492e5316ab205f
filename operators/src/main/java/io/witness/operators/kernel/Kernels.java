package io.witness.operators.kernel;

/** Makes a {@link Kernel} from its kind and parameters, as the configuration names them. */
public final class Kernels {

    private Kernels() {
    }

    /** A kernel with the family's default extra parameters (IMQ: c = 1, β = −1/2). */
    public static Kernel of(KernelKind kind, double bandwidth) {
        return switch (kind) {
            case GAUSSIAN -> new GaussianKernel(bandwidth);
            case LAPLACE -> new LaplaceKernel(bandwidth);
            case IMQ -> new ImqKernel(bandwidth);
            case MATERN32 -> new Matern32Kernel(bandwidth);
            case MATERN52 -> new Matern52Kernel(bandwidth);
        };
    }

    /** Inverse of {@link Kernel#parameters()}: {@code [σ, c, β]}. */
    public static Kernel of(KernelKind kind, double[] parameters) {
        if (kind == KernelKind.IMQ) {
            return new ImqKernel(parameters[0], parameters[1], parameters[2]);
        }
        return of(kind, parameters[0]);
    }
}
