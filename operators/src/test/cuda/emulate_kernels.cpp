// Checks witness_kernels.cu on the host (cuda_host_shim.h) against direct loops with the Java kernel
// formulas, with the launch geometry of CudaBackend (tiles, slices, the ordered reduction, the two
// passes of the Falkon product). Prints "ALL OK" and exits 0, or names the first mismatch and exits 1.
//   g++ -std=c++20 -O1 -pthread -I. emulate_kernels.cpp -o emulate && ./emulate
#include "cuda_host_shim.h"
#include "../../main/cuda/witness_kernels.cu"

#include <cstdint>
#include <random>
#include <string>

static const int kThreads = WITNESS_THREADS;
static const int kMaxColumns = WITNESS_MAX_COLUMNS;
static const int kTile = 32;
static const int kShared = 48 * 1024;
static const int kMultiprocessors = 2;  // a small device: several slices per product

static double kernelValue(int kind, double sigma, double c, double beta, const double* a, const double* b, int d) {
    double s = 0;
    for (int k = 0; k < d; ++k) s += kind == WITNESS_KIND_LAPLACE ? std::fabs(a[k] - b[k]) : (a[k] - b[k]) * (a[k] - b[k]);
    switch (kind) {
        case WITNESS_KIND_GAUSSIAN: return std::exp(-(1.0 / (2.0 * sigma * sigma)) * s);
        case WITNESS_KIND_LAPLACE: return std::exp(-(1.0 / sigma) * s);
        case WITNESS_KIND_IMQ: {
            double base = c * c + s * (1.0 / (sigma * sigma));
            return beta == -0.5 ? 1.0 / std::sqrt(base) : std::pow(base, beta);
        }
        case WITNESS_KIND_MATERN32: {
            double t = std::sqrt(3.0) / sigma * std::sqrt(s);
            return (1.0 + t) * std::exp(-t);
        }
        default: {
            double t = std::sqrt(5.0) / sigma * std::sqrt(s);
            return (1.0 + t + t * t / 3.0) * std::exp(-t);
        }
    }
}

static int failures = 0;

static void check(const std::string& what, const std::vector<double>& expected, const std::vector<double>& got,
                  const std::vector<double>& scale, double tol) {
    for (size_t i = 0; i < expected.size(); ++i) {
        double err = std::fabs(expected[i] - got[i]);
        double bound = tol * (1.0 + (scale.empty() ? std::fabs(expected[i]) : scale[i]));
        if (!(err <= bound)) {
            std::printf("MISMATCH %s at %zu: expected %.17g got %.17g\n", what.c_str(), i, expected[i], got[i]);
            ++failures;
            return;
        }
    }
}

template <typename T>
struct Emu {
    void (*kv)(const T*, const T*, int, int, int, const T*, int, int, int, int, double, double, double, int, int, T*);
    void (*gram)(const T*, const T*, int, int, int, int, double, double, double, int, T*);
    void (*reduce)(const T*, int, int, int, const T*, T*, int, int);
    void (*fm)(const T*, int, int, const T*, int, int, double, double, T*);

    static int tile(int perPoint) { return std::min(kTile, kShared / (perPoint * (int) sizeof(T))); }

    // CudaBackend.launchKernelVector: out[i*ldo + r] = (w ? w_i : 1) sum_j k(a_i, b_j) v[j*ldv + r]
    void kernelVector(const std::vector<T>& a, int rows, const std::vector<T>& b, int m, int d, const T* v, int ldv,
                      int c, int kind, double sg, double cp, double be, const T* w, T* out, int ldo) {
        int t = tile(d + kMaxColumns);
        int rowBlocks = (rows + kThreads - 1) / kThreads;
        int maxSlices = std::min((m + t - 1) / t, 65535);
        int slices = std::max(1, std::min(maxSlices, (8 * kMultiprocessors + rowBlocks - 1) / rowBlocks));
        int perSlice = (m + slices - 1) / slices;
        slices = (m + perSlice - 1) / perSlice;
        std::vector<T> partial((size_t) slices * rows * std::min(c, kMaxColumns));
        for (int col0 = 0; col0 < c; col0 += kMaxColumns) {
            int cc = std::min(kMaxColumns, c - col0);
            emuLaunch({(unsigned) rowBlocks, (unsigned) slices, 1}, {(unsigned) kThreads, 1, 1}, [&] {
                kv(a.data(), b.data(), rows, m, d, v, ldv, col0, cc, kind, sg, cp, be, perSlice, t, partial.data());
            });
            int total = rows * cc;
            emuLaunch({(unsigned) ((total + 255) / 256), 1, 1}, {256, 1, 1}, [&] {
                reduce(partial.data(), slices, rows, cc, w, out, ldo, col0);
            });
        }
    }

    void run(const char* name, double tol, int n, int m, int d, int c, std::mt19937_64& rnd) {
        std::uniform_real_distribution<double> u(-1, 1);
        std::vector<double> a(n * d), b(m * d), v(m * c), w(n);
        for (auto& x : a) x = u(rnd);
        for (auto& x : b) x = u(rnd);
        for (auto& x : v) x = u(rnd);
        for (auto& x : w) x = u(rnd);
        std::vector<T> at(a.begin(), a.end()), bt(b.begin(), b.end()), vt(v.begin(), v.end()), wt(w.begin(), w.end());
        // the device sees the rounded inputs; so does the reference
        for (size_t i = 0; i < a.size(); ++i) a[i] = (double) at[i];
        for (size_t i = 0; i < b.size(); ++i) b[i] = (double) bt[i];
        for (size_t i = 0; i < v.size(); ++i) v[i] = (double) vt[i];
        for (size_t i = 0; i < w.size(); ++i) w[i] = (double) wt[i];
        double r = std::sqrt((double) d);
        struct K { int kind; double sigma, c, beta; };
        K kernels[] = {{WITNESS_KIND_GAUSSIAN, 0.9 * r, 0, 0}, {WITNESS_KIND_LAPLACE, 0.7 * d, 0, 0},
                       {WITNESS_KIND_IMQ, 1.1 * r, 1, -0.5}, {WITNESS_KIND_IMQ, 0.8 * r, 0.7, -0.3},
                       {WITNESS_KIND_MATERN32, 1.2 * r, 0, 0}, {WITNESS_KIND_MATERN52, 0.8 * r, 0, 0}};
        for (const K& k : kernels) {
            std::string what = std::string(name) + " kind=" + std::to_string(k.kind) + " beta=" + std::to_string(k.beta)
                               + " n=" + std::to_string(n) + " m=" + std::to_string(m) + " d=" + std::to_string(d);
            std::vector<double> K(n * m);
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < m; ++j) K[i * m + j] = kernelValue(k.kind, k.sigma, k.c, k.beta, &a[i * d], &b[j * d], d);
            // Gram, as CudaBackend.gram launches it
            {
                int t = tile(d);
                std::vector<T> out(n * m);
                emuLaunch({(unsigned) ((m + kThreads - 1) / kThreads), (unsigned) ((n + t - 1) / t), 1}, {(unsigned) kThreads, 1, 1},
                          [&] { gram(at.data(), bt.data(), n, m, d, k.kind, k.sigma, k.c, k.beta, t, out.data()); });
                check(what + " gram", K, std::vector<double>(out.begin(), out.end()), {}, tol);
            }
            // K·V (c columns), and row sums (v = null)
            {
                std::vector<double> e(n * c, 0.0), mag(n * c, 0.0);
                for (int i = 0; i < n; ++i)
                    for (int j = 0; j < m; ++j)
                        for (int q = 0; q < c; ++q) {
                            e[i * c + q] += K[i * m + j] * v[j * c + q];
                            mag[i * c + q] += std::fabs(K[i * m + j] * v[j * c + q]);
                        }
                std::vector<T> out(n * c);
                kernelVector(at, n, bt, m, d, vt.data(), c, c, k.kind, k.sigma, k.c, k.beta, nullptr, out.data(), c);
                check(what + " kernelTimes", e, std::vector<double>(out.begin(), out.end()), mag, tol);
                std::vector<double> rs(n, 0.0);
                for (int i = 0; i < n; ++i)
                    for (int j = 0; j < m; ++j) rs[i] += K[i * m + j];
                std::vector<T> rout(n);
                kernelVector(at, n, bt, m, d, nullptr, 1, 1, k.kind, k.sigma, k.c, k.beta, nullptr, rout.data(), 1);
                check(what + " rowSums", rs, std::vector<double>(rout.begin(), rout.end()), rs, tol);
            }
            // Falkon: u = w ∘ K(X, C) v, then K(C, X) u
            {
                std::vector<double> uu(n, 0.0), umag(n, 0.0), e(m, 0.0), mag(m, 0.0);
                for (int i = 0; i < n; ++i) {
                    for (int j = 0; j < m; ++j) {
                        uu[i] += K[i * m + j] * v[j * c];
                        umag[i] += std::fabs(K[i * m + j] * v[j * c]);
                    }
                    uu[i] *= w[i];
                    umag[i] *= std::fabs(w[i]);
                }
                for (int i = 0; i < n; ++i)
                    for (int j = 0; j < m; ++j) {
                        e[j] += K[i * m + j] * uu[i];
                        mag[j] += K[i * m + j] * umag[i];
                    }
                std::vector<T> v1(m);
                for (int j = 0; j < m; ++j) v1[j] = vt[j * c];
                std::vector<T> du(n), out(m);
                kernelVector(at, n, bt, m, d, v1.data(), 1, 1, k.kind, k.sigma, k.c, k.beta, wt.data(), du.data(), 1);
                kernelVector(bt, m, at, n, d, du.data(), 1, 1, k.kind, k.sigma, k.c, k.beta, nullptr, out.data(), 1);
                check(what + " knmTransposeKnm", e, std::vector<double>(out.begin(), out.end()), mag, tol);
            }
        }
        // feature maps, both forms
        for (int form : {WITNESS_FORM_TRIGONOMETRIC, WITNESS_FORM_POSITIVE}) {
            int p = 37;
            std::vector<double> W(p * d);
            for (auto& x : W) x = u(rnd);
            std::vector<T> Wt(W.begin(), W.end());
            for (size_t i = 0; i < W.size(); ++i) W[i] = (double) Wt[i];
            double invSigma = 1.0 / (1.3 * r), scale = 1.0 / std::sqrt((double) p);
            int dim = form == WITNESS_FORM_TRIGONOMETRIC ? 2 * p : p;
            int rows = std::min(n, 4);
            std::vector<double> e(rows * dim);
            for (int i = 0; i < rows; ++i) {
                double sq = 0;
                for (int q = 0; q < d; ++q) sq += (a[i * d + q] * invSigma) * (a[i * d + q] * invSigma);
                for (int j = 0; j < p; ++j) {
                    double dot = 0;
                    for (int q = 0; q < d; ++q) dot += W[j * d + q] * a[i * d + q];
                    double arg = dot * invSigma;
                    if (form == WITNESS_FORM_TRIGONOMETRIC) {
                        e[i * dim + j] = scale * std::cos(arg);
                        e[i * dim + p + j] = scale * std::sin(arg);
                    } else {
                        e[i * dim + j] = scale * std::exp(arg - sq);
                    }
                }
            }
            std::vector<T> out(rows * dim);
            emuLaunch({(unsigned) ((p + kThreads - 1) / kThreads), (unsigned) rows, 1}, {(unsigned) kThreads, 1, 1},
                      [&] { fm(at.data(), rows, d, Wt.data(), p, form, invSigma, scale, out.data()); });
            check(std::string(name) + " featureMap form=" + std::to_string(form) + " d=" + std::to_string(d), e,
                  std::vector<double>(out.begin(), out.end()), {}, tol * 10);
        }
    }
};

#define EMU(SUF, T, DM) Emu<T>{witness_kv_##SUF##_##DM, witness_gram_##SUF##_##DM, witness_reduce_##SUF, witness_feature_map_##SUF}

int main() {
    std::mt19937_64 rnd(42);
    // every register specialisation and the generic kernel, in both precisions; sizes that cross the
    // tiles, the 128-thread blocks and the slices
    struct Case { int dm, d; };
    for (Case cs : {Case{8, 1}, Case{8, 3}, Case{8, 8}, Case{16, 9}, Case{16, 16}, Case{32, 17}, Case{32, 32},
                    Case{64, 33}, Case{64, 64}, Case{0, 65}, Case{0, 70}}) {
        // more than one block of rows and several slices for a few dimensions, small elsewhere
        bool big = cs.d == 3 || cs.d == 33 || cs.d == 70;
        int n = big ? 131 : 9, m = big ? 77 : 40, c = big ? 5 : 2;
        switch (cs.dm) {
            case 8: EMU(d, double, 8).run("double/8", 1e-12, n, m, cs.d, c, rnd); EMU(f, float, 8).run("float/8", 2e-5, n, m, cs.d, c, rnd); break;
            case 16: EMU(d, double, 16).run("double/16", 1e-12, n, m, cs.d, c, rnd); EMU(f, float, 16).run("float/16", 2e-5, n, m, cs.d, c, rnd); break;
            case 32: EMU(d, double, 32).run("double/32", 1e-12, n, m, cs.d, c, rnd); EMU(f, float, 32).run("float/32", 2e-5, n, m, cs.d, c, rnd); break;
            case 64: EMU(d, double, 64).run("double/64", 1e-12, n, m, cs.d, c, rnd); EMU(f, float, 64).run("float/64", 2e-5, n, m, cs.d, c, rnd); break;
            default: EMU(d, double, 0).run("double/0", 1e-12, n, m, cs.d, c, rnd); EMU(f, float, 0).run("float/0", 2e-5, n, m, cs.d, c, rnd); break;
        }
    }
    if (failures == 0) {
        std::printf("ALL OK\n");
        return 0;
    }
    std::printf("%d FAILED\n", failures);
    return 1;
}
