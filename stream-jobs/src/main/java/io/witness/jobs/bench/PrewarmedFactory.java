package io.witness.jobs.bench;

import io.witness.operators.monitor.BatchScoring;
import io.witness.operators.compute.ComputeBackend;
import io.witness.operators.monitor.Model;
import io.witness.operators.monitor.MonitorFactory;
import io.witness.operators.compute.Precision;
import io.witness.operators.monitor.StateInput;
import io.witness.operators.monitor.StateShape;

import java.io.DataInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code witness bench --prewarm}: a method's factory whose fresh models are restored from template
 * states (models warmed up past their method's warm-up on the generator's stream, {@link Prewarm}), one
 * after the other in turn, so every key is in its steady state from its first event. Everything else — restoring stored keys, the
 * state shape, lateness, batch scoring — is the method's own, so the per-event arithmetic and the state
 * bytes are the steady-state ones; the keys only start from identical states. Bench only: production
 * jobs bind with {@link io.witness.jobs.core.MonitorBinder#DEFAULT}.
 */
class PrewarmedFactory implements MonitorFactory {
    private final MonitorFactory method;
    private final byte[][] templates;
    /** The next template; the operator's task thread is the only caller. */
    private int next;

    PrewarmedFactory(MonitorFactory method, List<byte[]> templates) {
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("no template state");
        }
        this.method = method;
        this.templates = templates.stream().map(byte[]::clone).toArray(byte[][]::new);
    }

    /** The wrapper of {@code method}, keeping its {@link BatchScoring} capability when it has one. */
    static MonitorFactory of(MonitorFactory method, List<byte[]> templates) {
        return method instanceof BatchScoring bs ? new Batched(method, bs, templates)
                : new PrewarmedFactory(method, templates);
    }

    @Override
    public String method() {
        return method.method();
    }

    @Override
    public List<Role> roles() {
        return method.roles();
    }

    @Override
    public int dimension() {
        return method.dimension();
    }

    @Override
    public long maxLatenessMillis() {
        return method.maxLatenessMillis();
    }

    @Override
    public StateShape stateShape() {
        return method.stateShape();
    }

    /** A key's first model: the next template, restored (a fresh copy per key). */
    @Override
    public Model create() {
        byte[] t = templates[next];
        next = (next + 1) % templates.length;
        try {
            return method.restore(new StateInput(t));
        } catch (IOException e) {
            throw new UncheckedIOException("the bench's template state does not restore", e);
        }
    }

    @Override
    public Model restore(DataInput in) throws IOException {
        return method.restore(in);
    }

    /** For methods that score micro-batches on a backend (SKIT, NPLM): their batches, unchanged. */
    private static final class Batched extends PrewarmedFactory implements BatchScoring {
        private final BatchScoring scoring;

        Batched(MonitorFactory method, BatchScoring scoring, List<byte[]> templates) {
            super(method, templates);
            this.scoring = scoring;
        }

        @Override
        public Batch newBatch(ComputeBackend backend) {
            return scoring.newBatch(backend);
        }

        @Override
        public Precision precision(Precision configured) {
            return scoring.precision(configured);
        }
    }
}
