package io.witness.jobs.flink;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/**
 * A bounded source that ends after a restore too. The Kafka connector's bounded source (5.0.0-2.2) never
 * finishes once its enumerator is recreated from a checkpoint or savepoint (FLINK-33466 / FLINK-31006):
 * the restored enumerator's one partition discovery finds every partition already assigned and returns
 * before the only place that sends "no more splits", so readers that reached their stopping offsets wait
 * for that event forever and the job keeps checkpointing with nothing left to read.
 *
 * <p>The stopping offsets themselves are not the problem: they are fixed when the bounded run first starts
 * and travel in every split's checkpointed state, so a restored reader already stops at the offsets that
 * were latest at the first start. What is missing is only the end signal. This wrapper watches the
 * delegate enumerator's asynchronous work through its context: once the discovery it started has come back
 * and no asynchronous call is outstanding, every split that will ever exist has been handed out, so each
 * registered reader the delegate has not signalled gets "no more splits" (after its splits, on the same
 * coordinator thread), and so does each reader that registers later (a reader restarted after a failover).
 * A reader is signalled at most once per registration, so a delegate that does signal (a fresh start, or a
 * connector with the fix) is left as it is. Splits, state and serializers are the delegate's: the operator's
 * state is unchanged and restores either way.
 */
public final class FinishingBoundedSource<T, S extends SourceSplit, C> implements Source<T, S, C>, ResultTypeQueryable<T> {
    private static final Logger LOG = LoggerFactory.getLogger(FinishingBoundedSource.class);

    private final Source<T, S, C> delegate;
    private final TypeInformation<T> type;
    private final String name;

    public <X extends Source<T, S, C> & ResultTypeQueryable<T>> FinishingBoundedSource(X delegate, String name) {
        if (delegate.getBoundedness() != Boundedness.BOUNDED) {
            throw new IllegalArgumentException("only a bounded source needs an end signal after a restore");
        }
        this.delegate = delegate;
        this.type = delegate.getProducedType();
        this.name = name;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<T, S> createReader(SourceReaderContext readerContext) throws Exception {
        return delegate.createReader(readerContext);
    }

    @Override
    public SplitEnumerator<S, C> createEnumerator(SplitEnumeratorContext<S> context) throws Exception {
        Watched<S> watched = new Watched<>(context);
        return new Enumerator<>(delegate.createEnumerator(watched), watched, name, false);
    }

    @Override
    public SplitEnumerator<S, C> restoreEnumerator(SplitEnumeratorContext<S> context, C checkpoint) throws Exception {
        Watched<S> watched = new Watched<>(context);
        return new Enumerator<>(delegate.restoreEnumerator(watched, checkpoint), watched, name, true);
    }

    @Override
    public SimpleVersionedSerializer<S> getSplitSerializer() {
        return delegate.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<C> getEnumeratorCheckpointSerializer() {
        return delegate.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }

    /** The delegate enumerator, plus the end signal once its discovery is over. Runs on the coordinator thread. */
    private static final class Enumerator<S extends SourceSplit, C> implements SplitEnumerator<S, C> {
        private final SplitEnumerator<S, C> delegate;
        private final Watched<S> context;
        private final String name;
        private final boolean restored;

        Enumerator(SplitEnumerator<S, C> delegate, Watched<S> context, String name, boolean restored) {
            this.delegate = delegate;
            this.context = context;
            this.name = name;
            this.restored = restored;
            context.onQuiet = this::signalRemaining;
        }

        @Override
        public void start() {
            delegate.start();
            // a delegate that starts no asynchronous work at all has already handed out everything
            if (context.outstanding == 0) {
                context.quiet = true;
                signalRemaining();
            }
        }

        @Override
        public void addReader(int subtask) {
            context.signalled.remove(subtask);   // a new reader (after a failover) has not had the signal
            delegate.addReader(subtask);
            if (context.quiet) {
                signal(subtask);
            }
        }

        private void signalRemaining() {
            for (int subtask : context.registeredReaders().keySet()) {
                signal(subtask);
            }
        }

        private void signal(int subtask) {
            if (!context.signalled.contains(subtask) && context.registeredReaders().containsKey(subtask)) {
                LOG.info("{}: bounded source{} has handed out every split; signalling the end of input to reader {}",
                        name, restored ? " restored from a checkpoint" : "", subtask);
                context.signalNoMoreSplits(subtask);
            }
        }

        @Override
        public void handleSplitRequest(int subtask, String host) {
            delegate.handleSplitRequest(subtask, host);
        }

        @Override
        public void addSplitsBack(List<S> splits, int subtask) {
            delegate.addSplitsBack(splits, subtask);
        }

        @Override
        public C snapshotState(long checkpointId) throws Exception {
            return delegate.snapshotState(checkpointId);
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            delegate.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void handleSourceEvent(int subtask, SourceEvent event) {
            delegate.handleSourceEvent(subtask, event);
        }
    }

    /**
     * The enumerator context as the delegate sees it: counts its asynchronous calls (their handlers run
     * on the coordinator thread, like every enumerator method) and remembers which readers it signalled.
     */
    private static final class Watched<S extends SourceSplit> implements SplitEnumeratorContext<S> {
        private final SplitEnumeratorContext<S> context;
        final Set<Integer> signalled = new HashSet<>();
        int outstanding;
        boolean quiet;
        Runnable onQuiet = () -> { };

        Watched(SplitEnumeratorContext<S> context) {
            this.context = context;
        }

        @Override
        public <V> void callAsync(Callable<V> callable, BiConsumer<V, Throwable> handler) {
            outstanding++;
            context.callAsync(callable, (v, t) -> {
                try {
                    handler.accept(v, t);
                } finally {
                    done();
                }
            });
        }

        /** Periodic work (partition discovery of an unbounded source) counts until its first run. */
        @Override
        public <V> void callAsync(Callable<V> callable, BiConsumer<V, Throwable> handler, long initialDelay, long period) {
            outstanding++;
            boolean[] first = {true};
            context.callAsync(callable, (v, t) -> {
                try {
                    handler.accept(v, t);
                } finally {
                    if (first[0]) {
                        first[0] = false;
                        done();
                    }
                }
            }, initialDelay, period);
        }

        private void done() {
            outstanding--;
            if (outstanding == 0) {
                quiet = true;
                onQuiet.run();
            }
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            signalled.add(subtask);
            context.signalNoMoreSplits(subtask);
        }

        @Override
        public SplitEnumeratorMetricGroup metricGroup() {
            return context.metricGroup();
        }

        @Override
        public void sendEventToSourceReader(int subtask, SourceEvent event) {
            context.sendEventToSourceReader(subtask, event);
        }

        @Override
        public void sendEventToSourceReader(int subtask, int attempt, SourceEvent event) {
            context.sendEventToSourceReader(subtask, attempt, event);
        }

        @Override
        public int currentParallelism() {
            return context.currentParallelism();
        }

        @Override
        public Map<Integer, ReaderInfo> registeredReaders() {
            return context.registeredReaders();
        }

        @Override
        public Map<Integer, Map<Integer, ReaderInfo>> registeredReadersOfAttempts() {
            return context.registeredReadersOfAttempts();
        }

        @Override
        public void assignSplits(SplitsAssignment<S> assignment) {
            context.assignSplits(assignment);
        }

        @Override
        public void assignSplit(S split, int subtask) {
            context.assignSplit(split, subtask);
        }

        @Override
        public void runInCoordinatorThread(Runnable runnable) {
            context.runInCoordinatorThread(runnable);
        }

        @Override
        public void setIsProcessingBacklog(boolean isProcessingBacklog) {
            context.setIsProcessingBacklog(isProcessingBacklog);
        }
    }
}
