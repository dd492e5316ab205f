package io.witness.jobs.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.witness.jobs.codec.BanditDecoder;
import io.witness.jobs.config.BanditConfig;
import io.witness.jobs.core.BadRecord;
import io.witness.jobs.core.BanditInput;
import io.witness.schemas.CandidateAction;
import io.witness.schemas.DeadLetterReason;
import io.witness.schemas.DecisionRequest;
import io.witness.schemas.Feedback;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** DecisionRequest and Feedback decoding: JSON and Avro, every rejection with its reason code. */
class BanditDecoderTest {
    private final BanditDecoder decoder = new BanditDecoder();
    private final BanditConfig json = BanditFixtures.bandit("gp-ucb", "", "1h");

    @Test
    void aRequestBecomesOneInputRowPerCandidate() throws BadRecord {
        BanditInput in = decoder.request(BanditFixtures.request("r1", "payments", 1000, 0.25, -1.5), json);
        assertThat(in.kind).isEqualTo(BanditInput.REQUEST);
        assertThat(in.requestId).isEqualTo("r1");
        assertThat(in.actionIds).containsExactly("page", "ticket", "suppress");
        assertThat(in.inputs).containsExactly(0.25, -1.5, 1, 0, 0, 0.25, -1.5, 0, 1, 0, 0.25, -1.5, 0, 0, 1);
        assertThat(in.routingKey()).isEqualTo("triage\u0000payments");
        BanditInput f = decoder.feedback(BanditFixtures.feedback("r1", "payments", 2000, 0.5), json);
        assertThat(f.kind).isEqualTo(BanditInput.FEEDBACK);
        assertThat(f.reward).isEqualTo(0.5);
    }

    private void rejectsRequest(String body, DeadLetterReason reason, String text) {
        assertThatThrownBy(() -> decoder.request(body.getBytes(StandardCharsets.UTF_8), json))
                .isInstanceOfSatisfying(BadRecord.class, b -> assertThat(b.reason()).isEqualTo(reason))
                .hasMessageContaining(text);
    }

    @Test
    void badRequestsAreRejectedWithTheirReason() {
        String ok = new String(BanditFixtures.request("r1", "k", 1000, 0.1, 0.2), StandardCharsets.UTF_8);
        rejectsRequest("{\"request_id\":", DeadLetterReason.MALFORMED, "not valid JSON");
        rejectsRequest(ok.replace("\"request_id\":\"r1\",", ""), DeadLetterReason.MISSING_FIELD, "field 'request_id' is missing");
        rejectsRequest(ok.replace("[0.1,0.2]", "[0.1]"), DeadLetterReason.WRONG_DIMENSION, "field 'context' must have 2 entries, got 1");
        rejectsRequest(ok.replace("[0,1,0]", "[0,1]"), DeadLetterReason.WRONG_DIMENSION, "actions[1].features' must have 3 entries");
        rejectsRequest(ok.replace("[0.1,0.2]", "[\"NaN\",0.2]"), DeadLetterReason.NOT_FINITE, "field 'context[0]' is NaN");
        rejectsRequest(ok.replace("\"ticket\"", "\"page\""), DeadLetterReason.MALFORMED, "action id 'page' appears twice");
        rejectsRequest(ok.replaceAll("\"actions\":.*", "\"actions\":[]}"), DeadLetterReason.MISSING_FIELD, "field 'actions' is empty");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 65; i++) {
            many.append(i == 0 ? "" : ",").append("{\"id\":\"a").append(i).append("\",\"features\":[0,0,0]}");
        }
        rejectsRequest(ok.replaceAll("\"actions\":.*", "\"actions\":[" + many + "]}"), DeadLetterReason.TOO_LARGE, "at most 64");
        assertThatThrownBy(() -> decoder.feedback("{\"request_id\":\"r\",\"key\":\"k\",\"time\":1}".getBytes(StandardCharsets.UTF_8), json))
                .isInstanceOfSatisfying(BadRecord.class, b -> assertThat(b.reason()).isEqualTo(DeadLetterReason.MISSING_FIELD))
                .hasMessageContaining("field 'reward' is missing");
    }

    @Test
    void avroRecordsDecodeToTheSameInputs() throws Exception {
        BanditConfig avro = BanditFixtures.config("gp-ucb", "", "1h").bandits().get(0);
        avro = new BanditConfig(avro.id(), avro.requestsTopic(), io.witness.jobs.config.WireFormat.AVRO, avro.feedbackTopic(),
                io.witness.jobs.config.WireFormat.AVRO, avro.decisionsTopic(), avro.deadLetterTopic(), avro.contextDim(),
                avro.actionDim(), avro.policy(), avro.params(), avro.feedbackTimeout(), avro.parameters());
        DecisionRequest r = new DecisionRequest("r1", "payments", 1000L, List.of(0.25, -1.5), List.of(
                new CandidateAction("page", List.of(1.0, 0.0, 0.0)), new CandidateAction("ticket", List.of(0.0, 1.0, 0.0)),
                new CandidateAction("suppress", List.of(0.0, 0.0, 1.0))));
        BanditInput in = decoder.request(bytes(r, DecisionRequest.class), avro);
        BanditInput same = decoder.request(BanditFixtures.request("r1", "payments", 1000, 0.25, -1.5), json);
        assertThat(in.inputs).containsExactly(same.inputs);
        assertThat(in.actionIds).containsExactly(same.actionIds);
        BanditInput f = decoder.feedback(bytes(new Feedback("r1", "payments", 0.5, 2000L), Feedback.class), avro);
        assertThat(f.reward).isEqualTo(0.5);
        assertThat(f.time).isEqualTo(2000L);
    }

    /** The bad records the event path refuses are refused here too: invalid UTF-8, ids too long to write, absurd times. */
    @Test
    void invalidUtf8OverlongIdsAndAbsurdTimesAreDeadLetters() throws Exception {
        String ok = new String(BanditFixtures.request("r1", "k", 1000, 0.1, 0.2), StandardCharsets.UTF_8);
        byte[] overlong = ok.replace("\"k\"", "\"k\u0001\u0001\"").getBytes(StandardCharsets.UTF_8);
        int at = ok.indexOf("\"k\"") + 2;
        overlong[at] = (byte) 0xC0;
        overlong[at + 1] = (byte) 0xAF;
        assertThatThrownBy(() -> decoder.request(overlong, json))
                .isInstanceOfSatisfying(BadRecord.class, b -> assertThat(b.reason()).isEqualTo(DeadLetterReason.MALFORMED))
                .hasMessageStartingWith("not valid UTF-8 at byte " + at);
        rejectsRequest(ok.replace("\"r1\"", "\"" + "r".repeat(5000) + "\""), DeadLetterReason.TOO_LARGE,
                "field 'request_id' is 5000 bytes of UTF-8, more than 4096");
        rejectsRequest(ok.replace("\"page\"", "\"" + "p".repeat(4097) + "\""), DeadLetterReason.TOO_LARGE,
                "field 'actions[0].id' is 4097 bytes of UTF-8");
        rejectsRequest(ok.replace("1000", "\"+1000000000-12-31T23:59:59Z\""), DeadLetterReason.TIME_OUT_OF_RANGE,
                "beyond the range of epoch milliseconds");

        BanditConfig avro = BanditFixtures.config("gp-ucb", "", "1h").bandits().get(0);
        avro = new BanditConfig(avro.id(), avro.requestsTopic(), io.witness.jobs.config.WireFormat.AVRO, avro.feedbackTopic(),
                io.witness.jobs.config.WireFormat.AVRO, avro.decisionsTopic(), avro.deadLetterTopic(), avro.contextDim(),
                avro.actionDim(), avro.policy(), avro.params(), avro.feedbackTimeout(), avro.parameters());
        byte[] fb = bytes(new Feedback("r1", "KEY", 0.5, 2000L), Feedback.class);
        String enc = new String(fb, StandardCharsets.ISO_8859_1);
        int k = enc.indexOf("KEY");
        fb[k] = (byte) 0xED;
        fb[k + 1] = (byte) 0xA0;
        fb[k + 2] = (byte) 0x80;
        BanditConfig avroBandit = avro;
        assertThatThrownBy(() -> decoder.feedback(fb, avroBandit))
                .isInstanceOfSatisfying(BadRecord.class, b -> assertThat(b.reason()).isEqualTo(DeadLetterReason.MALFORMED))
                .hasMessageStartingWith("field 'key' is not valid UTF-8 at byte 0 of the string (0xED)");
    }

    private static <T> byte[] bytes(T record, Class<T> type) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(type).write(record, e);
        e.flush();
        return out.toByteArray();
    }
}
