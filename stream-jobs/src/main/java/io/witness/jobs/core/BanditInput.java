package io.witness.jobs.core;

/**
 * One validated bandit record: a decision request (inputs of its candidates) or a feedback (reward). A
 * Flink POJO (public fields, no-argument constructor) so that it never falls back to Kryo.
 */
public class BanditInput {
    public static final int REQUEST = 0;
    public static final int FEEDBACK = 1;

    /** {@link #REQUEST} or {@link #FEEDBACK}. */
    public int kind;
    public String bandit;
    public String key;
    public String requestId;
    /** Event time, epoch ms. */
    public long time;
    /** Request: row-major k × d, row j = [context, features of action j]. */
    public double[] inputs;
    /** Request: the candidates' ids, in order. */
    public String[] actionIds;
    /** Feedback: the reward. */
    public double reward;
    /** Wall-clock ms when the record was decoded. */
    public long decodedAtMillis;
    public String topic;
    public int partition;
    public long offset;

    public BanditInput() {
    }

    public static BanditInput request(String bandit, String key, String requestId, long time, double[] inputs,
                                      String[] actionIds) {
        BanditInput in = new BanditInput();
        in.kind = REQUEST;
        in.bandit = bandit;
        in.key = key;
        in.requestId = requestId;
        in.time = time;
        in.inputs = inputs;
        in.actionIds = actionIds;
        return in;
    }

    public static BanditInput feedback(String bandit, String key, String requestId, long time, double reward) {
        BanditInput in = new BanditInput();
        in.kind = FEEDBACK;
        in.bandit = bandit;
        in.key = key;
        in.requestId = requestId;
        in.time = time;
        in.reward = reward;
        return in;
    }

    public BanditInput from(String topic, int partition, long offset, long decodedAtMillis) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.decodedAtMillis = decodedAtMillis;
        return this;
    }

    /** The Flink key: one model per (bandit, key). The separator cannot occur in a bandit id. */
    public String routingKey() {
        return bandit + '\u0000' + key;
    }

    /** Number of candidate actions of a request. */
    public int candidates() {
        return actionIds == null ? 0 : actionIds.length;
    }
}
