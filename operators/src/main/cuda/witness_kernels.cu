// Witness compute kernels: the CUDA side of io.witness.operators.compute.cuda.CudaBackend.
//
// Compiled to PTX for the virtual architecture compute_80 (the driver JIT-compiles it for any GPU of
// compute capability 8.0 or newer) and shipped as a resource; regenerate with
//     operators/src/main/cuda/build-ptx.sh
// which also stamps the SHA-256 of this file into the PTX header (CudaPtxSourceTest checks it).
// Driver API only: no cuBLAS, no NVRTC (STACK.md).
//
// Every matrix is row-major. Kernel values use the same formulas as the Java classes in
// io.witness.operators.kernel, from the parameters [sigma, c, beta] of Kernel.parameters(); squared
// distances by direct differences (spec kernel-tests.md §0.3: >= 0 without clamping).

// Kernel kinds: the ordinals of io.witness.operators.kernel.KernelKind (CudaPtxSourceTest checks them).
#define WITNESS_KIND_GAUSSIAN 0
#define WITNESS_KIND_LAPLACE 1
#define WITNESS_KIND_IMQ 2
#define WITNESS_KIND_MATERN32 3
#define WITNESS_KIND_MATERN52 4

// Feature-map forms: the ordinals of io.witness.operators.kernel.FeatureMap.Form.
#define WITNESS_FORM_TRIGONOMETRIC 0
#define WITNESS_FORM_POSITIVE 1

// Threads per block of the kernel-vector and Gram kernels (CudaBackend.THREADS must agree).
#define WITNESS_THREADS 128
// Columns of V handled per launch of the kernel-vector product (CudaBackend.MAX_COLUMNS must agree).
#define WITNESS_MAX_COLUMNS 4

__device__ __forceinline__ double w_exp(double x) { return exp(x); }
__device__ __forceinline__ float w_exp(float x) { return expf(x); }
__device__ __forceinline__ double w_sqrt(double x) { return sqrt(x); }
__device__ __forceinline__ float w_sqrt(float x) { return sqrtf(x); }
__device__ __forceinline__ double w_pow(double x, double y) { return pow(x, y); }
__device__ __forceinline__ float w_pow(float x, float y) { return powf(x, y); }
__device__ __forceinline__ double w_abs(double x) { return fabs(x); }
__device__ __forceinline__ float w_abs(float x) { return fabsf(x); }
__device__ __forceinline__ double w_fma(double a, double b, double c) { return fma(a, b, c); }
__device__ __forceinline__ float w_fma(float a, float b, float c) { return fmaf(a, b, c); }
__device__ __forceinline__ double w_cos(double x) { return cos(x); }
__device__ __forceinline__ float w_cos(float x) { return cosf(x); }
__device__ __forceinline__ double w_sin(double x) { return sin(x); }
__device__ __forceinline__ float w_sin(float x) { return sinf(x); }

// A kernel's profile: k as a function of the squared Euclidean distance (L1 for Laplace). The
// constants are computed in double exactly as the Java constructors compute them, then rounded to T.
template <typename T>
struct Profile {
    int kind;
    T gamma, inv, c2, invSigma2, beta, scale;

    __device__ Profile(int k, double sigma, double c, double b) : kind(k) {
        gamma = (T) (1.0 / (2.0 * sigma * sigma));
        inv = (T) (1.0 / sigma);
        c2 = (T) (c * c);
        invSigma2 = (T) (1.0 / (sigma * sigma));
        beta = (T) b;
        scale = k == WITNESS_KIND_MATERN32 ? (T) (sqrt(3.0) / sigma)
              : k == WITNESS_KIND_MATERN52 ? (T) (sqrt(5.0) / sigma) : (T) 0;
    }

    __device__ __forceinline__ T operator()(T s) const {
        switch (kind) {
            case WITNESS_KIND_GAUSSIAN:
                return w_exp(-gamma * s);
            case WITNESS_KIND_LAPLACE:
                return w_exp(-inv * s);
            case WITNESS_KIND_IMQ: {
                T base = c2 + s * invSigma2;
                return beta == (T) -0.5 ? (T) 1 / w_sqrt(base) : w_pow(base, beta);
            }
            case WITNESS_KIND_MATERN32: {
                T t = scale * w_sqrt(s);
                return ((T) 1 + t) * w_exp(-t);
            }
            default: {  // WITNESS_KIND_MATERN52
                T t = scale * w_sqrt(s);
                return ((T) 1 + t + t * t / (T) 3) * w_exp(-t);
            }
        }
    }
};

// Distance between a point held in registers (DMAX > 0: r[0..d)) or in memory (DMAX == 0: p[0..d))
// and q[0..d) in shared memory.
template <typename T, int DMAX>
__device__ __forceinline__ T distance(const T* r, const T* __restrict__ p, const T* q, int d, bool l1) {
    T s = (T) 0;
    if (DMAX > 0) {
        if (l1) {
#pragma unroll
            for (int k = 0; k < DMAX; ++k) {
                if (k < d) s += w_abs(r[k] - q[k]);
            }
        } else {
#pragma unroll
            for (int k = 0; k < DMAX; ++k) {
                if (k < d) {
                    T e = r[k] - q[k];
                    s = w_fma(e, e, s);
                }
            }
        }
    } else {
        if (l1) {
            for (int k = 0; k < d; ++k) s += w_abs(p[k] - q[k]);
        } else {
            for (int k = 0; k < d; ++k) {
                T e = p[k] - q[k];
                s = w_fma(e, e, s);
            }
        }
    }
    return s;
}

// partial[(slice*n + i)*c + r] = sum over j in this slice of k(a_i, b_j) * v[j*ldv + col0 + r], r < c.
// One thread per row i (grid.x), one slice of the columns per grid.y; points of B staged in shared
// memory `tile` at a time. v == 0 means a column of ones (row sums).
template <typename T, int DMAX>
__device__ __forceinline__ void kv_body(const T* __restrict__ a, const T* __restrict__ b, int n, int m, int d,
                                        const T* __restrict__ v, int ldv, int col0, int c,
                                        int kind, double sigma, double cpar, double beta,
                                        int perSlice, int tile, T* __restrict__ partial) {
    extern __shared__ __align__(16) unsigned char smem[];
    T* bsh = reinterpret_cast<T*>(smem);
    T* vsh = bsh + (size_t) tile * d;
    const Profile<T> prof(kind, sigma, cpar, beta);
    const bool l1 = kind == WITNESS_KIND_LAPLACE;
    const int i = blockIdx.x * WITNESS_THREADS + threadIdx.x;
    const int slice = blockIdx.y;
    const int jBegin = slice * perSlice;
    const int jEnd = min(m, jBegin + perSlice);
    const T* ai = a + (size_t) min(i, n - 1) * d;
    T ar[DMAX > 0 ? DMAX : 1];
    if (DMAX > 0) {
#pragma unroll
        for (int k = 0; k < (DMAX > 0 ? DMAX : 1); ++k) ar[k] = k < d ? ai[k] : (T) 0;
    }
    T acc[WITNESS_MAX_COLUMNS];
#pragma unroll
    for (int r = 0; r < WITNESS_MAX_COLUMNS; ++r) acc[r] = (T) 0;
    for (int j0 = jBegin; j0 < jEnd; j0 += tile) {
        const int tj = min(tile, jEnd - j0);
        for (int t = threadIdx.x; t < tj * d; t += WITNESS_THREADS) bsh[t] = b[(size_t) j0 * d + t];
        for (int t = threadIdx.x; t < tj * WITNESS_MAX_COLUMNS; t += WITNESS_THREADS) {
            const int jj = t / WITNESS_MAX_COLUMNS;
            const int r = t % WITNESS_MAX_COLUMNS;
            vsh[t] = r >= c ? (T) 0 : (v == 0 ? (T) 1 : v[(size_t) (j0 + jj) * ldv + col0 + r]);
        }
        __syncthreads();
        if (i < n) {
            for (int jj = 0; jj < tj; ++jj) {
                const T kij = prof(distance<T, DMAX>(ar, ai, bsh + (size_t) jj * d, d, l1));
#pragma unroll
                for (int r = 0; r < WITNESS_MAX_COLUMNS; ++r) {
                    acc[r] = w_fma(kij, vsh[jj * WITNESS_MAX_COLUMNS + r], acc[r]);
                }
            }
        }
        __syncthreads();
    }
    if (i < n) {
        T* out = partial + ((size_t) slice * n + i) * c;
#pragma unroll
        for (int r = 0; r < WITNESS_MAX_COLUMNS; ++r) {
            if (r < c) out[r] = acc[r];
        }
    }
}

// out[i*ldo + col0 + r] = (w ? w[i] : 1) * sum_s partial[(s*n + i)*c + r]: the slices summed in a fixed
// order, so a result does not depend on scheduling.
template <typename T>
__device__ __forceinline__ void reduce_body(const T* __restrict__ partial, int slices, int n, int c,
                                            const T* __restrict__ w, T* __restrict__ out, int ldo, int col0) {
    const int t = blockIdx.x * blockDim.x + threadIdx.x;
    if (t >= n * c) return;
    const int i = t / c;
    const int r = t % c;
    T s = (T) 0;
    for (int q = 0; q < slices; ++q) s += partial[((size_t) q * n + i) * c + r];
    if (w != 0) s *= w[i];
    out[(size_t) i * ldo + col0 + r] = s;
}

// out[i*m + j] = k(a_i, b_j) for a tile of `tile` rows (grid.y) and WITNESS_THREADS columns (grid.x):
// one thread per column, so consecutive threads write consecutive addresses; rows staged in shared memory.
template <typename T, int DMAX>
__device__ __forceinline__ void gram_body(const T* __restrict__ a, const T* __restrict__ b, int n, int m, int d,
                                          int kind, double sigma, double cpar, double beta, int tile,
                                          T* __restrict__ out) {
    extern __shared__ __align__(16) unsigned char smem[];
    T* ash = reinterpret_cast<T*>(smem);
    const Profile<T> prof(kind, sigma, cpar, beta);
    const bool l1 = kind == WITNESS_KIND_LAPLACE;
    const int j = blockIdx.x * WITNESS_THREADS + threadIdx.x;
    const int i0 = blockIdx.y * tile;
    const int ti = min(tile, n - i0);
    for (int t = threadIdx.x; t < ti * d; t += WITNESS_THREADS) ash[t] = a[(size_t) i0 * d + t];
    __syncthreads();
    if (j >= m) return;
    const T* bj = b + (size_t) j * d;
    T br[DMAX > 0 ? DMAX : 1];
    if (DMAX > 0) {
#pragma unroll
        for (int k = 0; k < (DMAX > 0 ? DMAX : 1); ++k) br[k] = k < d ? bj[k] : (T) 0;
    }
    for (int ii = 0; ii < ti; ++ii) {
        out[(size_t) (i0 + ii) * m + j] = prof(distance<T, DMAX>(br, bj, ash + (size_t) ii * d, d, l1));
    }
}

// phi(x_i) for rows i = grid.y, projections j = grid.x: trigonometric scale*[cos(W x/sigma); sin(W x/sigma)]
// (cosines first), positive scale*exp(W x/sigma - |x/sigma|^2).
template <typename T>
__device__ __forceinline__ void feature_map_body(const T* __restrict__ x, int n, int d, const T* __restrict__ wp,
                                                 int p, int form, double invSigma, double scale,
                                                 T* __restrict__ out) {
    const int j = blockIdx.x * blockDim.x + threadIdx.x;
    const int i = blockIdx.y;
    if (j >= p || i >= n) return;
    const T* xi = x + (size_t) i * d;
    const T* wj = wp + (size_t) j * d;
    const T is = (T) invSigma;
    const T sc = (T) scale;
    T dot = (T) 0;
    for (int k = 0; k < d; ++k) dot = w_fma(wj[k], xi[k], dot);
    const T arg = dot * is;
    if (form == WITNESS_FORM_TRIGONOMETRIC) {
        out[(size_t) i * 2 * p + j] = sc * w_cos(arg);
        out[(size_t) i * 2 * p + p + j] = sc * w_sin(arg);
    } else {
        T sq = (T) 0;
        for (int k = 0; k < d; ++k) {
            const T z = xi[k] * is;
            sq = w_fma(z, z, sq);
        }
        out[(size_t) i * p + j] = sc * w_exp(arg - sq);
    }
}

// Exported entry points (names looked up by CudaBackend): suffix _d double, _f float; the number is the
// largest d held in registers (0: any d, read from memory).
#define WITNESS_KV(SUF, T, DMAX)                                                                            \
    extern "C" __global__ void __launch_bounds__(WITNESS_THREADS) witness_kv_##SUF##_##DMAX(                \
        const T* a, const T* b, int n, int m, int d, const T* v, int ldv, int col0, int c, int kind,       \
        double sigma, double cpar, double beta, int perSlice, int tile, T* partial) {                       \
        kv_body<T, DMAX>(a, b, n, m, d, v, ldv, col0, c, kind, sigma, cpar, beta, perSlice, tile, partial); \
    }
#define WITNESS_GRAM(SUF, T, DMAX)                                                                          \
    extern "C" __global__ void __launch_bounds__(WITNESS_THREADS) witness_gram_##SUF##_##DMAX(              \
        const T* a, const T* b, int n, int m, int d, int kind, double sigma, double cpar, double beta,     \
        int tile, T* out) {                                                                                 \
        gram_body<T, DMAX>(a, b, n, m, d, kind, sigma, cpar, beta, tile, out);                              \
    }
#define WITNESS_ALL(SUF, T)                                                                                 \
    WITNESS_KV(SUF, T, 0) WITNESS_KV(SUF, T, 8) WITNESS_KV(SUF, T, 16) WITNESS_KV(SUF, T, 32)               \
    WITNESS_KV(SUF, T, 64)                                                                                  \
    WITNESS_GRAM(SUF, T, 0) WITNESS_GRAM(SUF, T, 8) WITNESS_GRAM(SUF, T, 16) WITNESS_GRAM(SUF, T, 32)       \
    WITNESS_GRAM(SUF, T, 64)                                                                                \
    extern "C" __global__ void witness_reduce_##SUF(const T* partial, int slices, int n, int c, const T* w, \
                                                    T* out, int ldo, int col0) {                            \
        reduce_body<T>(partial, slices, n, c, w, out, ldo, col0);                                           \
    }                                                                                                       \
    extern "C" __global__ void witness_feature_map_##SUF(const T* x, int n, int d, const T* wp, int p,      \
                                                         int form, double invSigma, double scale, T* out) { \
        feature_map_body<T>(x, n, d, wp, p, form, invSigma, scale, out);                                    \
    }

WITNESS_ALL(d, double)
WITNESS_ALL(f, float)
