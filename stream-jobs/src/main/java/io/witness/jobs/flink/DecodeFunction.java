package io.witness.jobs.flink;

import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.core.InputRouter;
import io.witness.jobs.core.MonitorInput;
import io.witness.jobs.core.OutRecord;
import io.witness.jobs.core.RawRecord;
import io.witness.jobs.metrics.WitnessMetrics;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Decode + validate (stateless): good observations go on, bad records to the dead-letter side output. */
public final class DecodeFunction extends ProcessFunction<RawRecord, MonitorInput> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<OutRecord> DEAD_LETTERS = new OutputTag<>("dead-letters") {
        private static final long serialVersionUID = 1L;
    };

    private final WitnessConfig config;
    private transient InputRouter router;
    private transient CollectingSink sink;

    public DecodeFunction(WitnessConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext context) {
        MetricsEndpoint.open(getRuntimeContext(), config.job());
        router = new InputRouter(config, false);
        sink = new CollectingSink();
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<MonitorInput> out) {
        router.route(raw, out::collect, sink.to(r -> ctx.output(DEAD_LETTERS, r)));
    }
}
