package io.witness.operators.compute.cpu;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fixed pool of daemon threads that runs the independent work units of one backend call. The calling
 * thread always takes part: it grabs units from the same counter as the helpers, so a call finishes
 * even when every pool thread is busy with other callers (many Flink operators share one pool), and a
 * call never waits for a helper that has not started yet.
 */
final class WorkerPool implements AutoCloseable {

    /** One unit of work, by index; units of one call must be independent of each other. */
    @FunctionalInterface
    interface Unit {
        void run(int index);
    }

    private final int parallelism;
    private final ThreadPoolExecutor helpers;

    /** @param parallelism threads working on one call, the caller included (1 = everything in the caller) */
    WorkerPool(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + parallelism);
        }
        this.parallelism = parallelism;
        if (parallelism == 1) {
            helpers = null;
        } else {
            AtomicInteger count = new AtomicInteger();
            helpers = new ThreadPoolExecutor(parallelism - 1, parallelism - 1, 0L, TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "witness-cpu-backend-" + count.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
        }
    }

    int parallelism() {
        return parallelism;
    }

    /** Runs {@code unit.run(0..units-1)}; in the caller alone when {@code parallel} is false. */
    void run(int units, boolean parallel, Unit unit) {
        if (units <= 0) {
            return;
        }
        if (!parallel || helpers == null || units == 1) {
            for (int u = 0; u < units; u++) {
                unit.run(u);
            }
            return;
        }
        Job job = new Job(units, unit);
        int extra = Math.min(parallelism - 1, units - 1);
        for (int h = 0; h < extra; h++) {
            helpers.execute(job::work);
        }
        job.work();
        job.awaitAll();
        Throwable error = job.error.get();
        if (error instanceof RuntimeException re) {
            throw re;
        }
        if (error instanceof Error e) {
            throw e;
        }
        if (error != null) {
            throw new IllegalStateException(error);
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }

    private static final class Job {
        private final int units;
        private final Unit unit;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private final AtomicReference<Throwable> error = new AtomicReference<>();

        Job(int units, Unit unit) {
            this.units = units;
            this.unit = unit;
            this.done = new CountDownLatch(units);
        }

        void work() {
            int u;
            while ((u = next.getAndIncrement()) < units) {
                try {
                    if (error.get() == null) {
                        unit.run(u);
                    }
                } catch (Throwable t) {
                    error.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        }

        /**
         * Waits for the units already taken. Uninterruptibly: helpers write into the caller's arrays,
         * so returning early would let them race with whatever the caller does next.
         */
        void awaitAll() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
