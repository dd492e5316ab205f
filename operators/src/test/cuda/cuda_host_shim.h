// Runs CUDA C kernels on the host, one block at a time, one std::thread per CUDA thread of a block and a
// std::barrier for __syncthreads(): enough to check the indexing, tiling and arithmetic of
// witness_kernels.cu on a machine without a GPU (emulate_kernels.cpp). Not a performance model.
#pragma once
#include <algorithm>
#include <barrier>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <thread>
#include <vector>

struct EmuDim3 {
    unsigned x = 1, y = 1, z = 1;
};

inline thread_local EmuDim3 threadIdx;
inline thread_local EmuDim3 blockIdx;
inline EmuDim3 blockDim;
inline EmuDim3 gridDim;
inline std::barrier<>* emuBarrier = nullptr;

#define __global__
#define __device__
#define __forceinline__ inline
#define __launch_bounds__(x)
#define __restrict__
#define __align__(x) __attribute__((aligned(x)))
#define __shared__

inline void __syncthreads() { emuBarrier->arrive_and_wait(); }
using std::max;
using std::min;

// The dynamic shared memory of the block being run.
alignas(16) inline unsigned char smem[1 << 16];

/**
 * Runs f() for every thread of every block of the grid: blockDim.x host threads walk through the blocks
 * in the same order, with a barrier after each block so that shared memory is not refilled early.
 */
inline void emuLaunch(EmuDim3 grid, EmuDim3 block, const std::function<void()>& f) {
    gridDim = grid;
    blockDim = block;
    std::barrier<> bar((std::ptrdiff_t) block.x);
    emuBarrier = &bar;
    std::vector<std::thread> threads;
    threads.reserve(block.x);
    for (unsigned t = 0; t < block.x; ++t) {
        threads.emplace_back([t, grid, &f, &bar] {
            threadIdx = EmuDim3{t, 0, 0};
            for (unsigned by = 0; by < grid.y; ++by) {
                for (unsigned bx = 0; bx < grid.x; ++bx) {
                    blockIdx = EmuDim3{bx, by, 1};
                    f();
                    bar.arrive_and_wait();
                }
            }
        });
    }
    for (auto& th : threads) th.join();
}
