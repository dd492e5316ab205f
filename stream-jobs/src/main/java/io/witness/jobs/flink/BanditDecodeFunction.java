package io.witness.jobs.flink;

import io.witness.jobs.config.WitnessConfig;
import io.witness.jobs.core.BanditInput;
import io.witness.jobs.core.BanditRouter;
import io.witness.jobs.core.RawRecord;
import io.witness.jobs.metrics.WitnessMetrics;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Decode + validate the bandits' requests and feedback (stateless); bad records go to the dead-letter side output. */
public final class BanditDecodeFunction extends ProcessFunction<RawRecord, BanditInput> {
    private static final long serialVersionUID = 1L;

    private final WitnessConfig config;
    private transient BanditRouter router;
    private transient CollectingSink sink;

    public BanditDecodeFunction(WitnessConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext context) {
        MetricsEndpoint.open(getRuntimeContext(), config.job());
        router = new BanditRouter(config);
        sink = new CollectingSink();
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<BanditInput> out) {
        router.route(raw, out::collect, sink.to(r -> ctx.output(DecodeFunction.DEAD_LETTERS, r)));
    }
}
