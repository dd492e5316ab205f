package io.witness.jobs.codec;

import io.witness.jobs.config.BanditConfig;
import io.witness.jobs.core.BanditInput;
import io.witness.schemas.CandidateAction;
import io.witness.schemas.DecisionRequest;
import io.witness.schemas.Feedback;
import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * What the bandit saw of a request or a feedback, as the record it was decoded from (the raw bytes are
 * not carried past decoding); a dead letter's payload is its JSON ({@link AvroJson}).
 */
public final class BanditRecords {

    private BanditRecords() {
    }

    public static SpecificRecord of(BanditInput in, BanditConfig b) {
        if (in.kind == BanditInput.FEEDBACK) {
            return Feedback.newBuilder().setRequestId(in.requestId).setKey(in.key).setReward(in.reward)
                    .setTime(in.time).build();
        }
        int d = b.contextDim() + b.actionDim();
        List<Double> context = new ArrayList<>(b.contextDim());
        for (int i = 0; i < b.contextDim(); i++) {
            context.add(in.inputs[i]);
        }
        List<CandidateAction> actions = new ArrayList<>(in.candidates());
        for (int j = 0; j < in.candidates(); j++) {
            List<Double> f = new ArrayList<>(b.actionDim());
            for (int i = b.contextDim(); i < d; i++) {
                f.add(in.inputs[j * d + i]);
            }
            actions.add(CandidateAction.newBuilder().setId(in.actionIds[j]).setFeatures(f).build());
        }
        return DecisionRequest.newBuilder().setRequestId(in.requestId).setKey(in.key).setTime(in.time)
                .setContext(context).setActions(actions).build();
    }
}
