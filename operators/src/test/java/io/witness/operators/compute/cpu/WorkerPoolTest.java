package io.witness.operators.compute.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    @Test
    void serialCallsRunEveryUnitOnTheCallingThread() {
        try (WorkerPool pool = new WorkerPool(4)) {
            Set<Thread> seen = ConcurrentHashMap.newKeySet();
            AtomicIntegerArray runs = new AtomicIntegerArray(50);
            pool.run(50, false, u -> {
                seen.add(Thread.currentThread());
                runs.incrementAndGet(u);
            });
            assertThat(seen).containsExactly(Thread.currentThread());
            for (int u = 0; u < 50; u++) {
                assertThat(runs.get(u)).isEqualTo(1);
            }
        }
    }

    @Test
    void parallelCallsRunEveryUnitExactlyOnceOnDaemonThreads() {
        try (WorkerPool pool = new WorkerPool(3)) {
            Set<Thread> seen = ConcurrentHashMap.newKeySet();
            AtomicIntegerArray runs = new AtomicIntegerArray(2000);
            pool.run(2000, true, u -> {
                seen.add(Thread.currentThread());
                runs.incrementAndGet(u);
                Thread.onSpinWait();
            });
            for (int u = 0; u < 2000; u++) {
                assertThat(runs.get(u)).isEqualTo(1);
            }
            seen.stream().filter(t -> t != Thread.currentThread())
                    .forEach(t -> assertThat(t.isDaemon()).isTrue());
        }
    }

    /** Other callers may hold every pool thread: the caller then does all of its units itself. */
    @Test
    void aCallFinishesWhileEveryHelperIsBusyElsewhere() throws Exception {
        try (WorkerPool pool = new WorkerPool(2)) {
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // the other caller's unit waits until the pool's only helper is stuck in the second unit
            Thread other = new Thread(() -> pool.run(2, true, u -> {
                try {
                    if (Thread.currentThread().getName().startsWith("witness-cpu-backend")) {
                        blocked.countDown();
                        release.await();
                    } else {
                        blocked.await();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            other.start();
            blocked.await();
            AtomicIntegerArray runs = new AtomicIntegerArray(10);
            pool.run(10, true, runs::incrementAndGet);
            for (int u = 0; u < 10; u++) {
                assertThat(runs.get(u)).isEqualTo(1);
            }
            release.countDown();
            other.join();
        }
    }

    @Test
    void theFirstFailureOfAUnitReachesTheCaller() {
        try (WorkerPool pool = new WorkerPool(2)) {
            assertThatThrownBy(() -> pool.run(100, true, u -> {
                if (u == 37) {
                    throw new IllegalStateException("unit 37");
                }
            })).isInstanceOf(IllegalStateException.class).hasMessage("unit 37");
        }
    }

    @Test
    void threadsMustBePositive() {
        assertThatThrownBy(() -> new WorkerPool(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
