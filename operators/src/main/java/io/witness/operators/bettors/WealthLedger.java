package io.witness.operators.bettors;

import io.witness.operators.monitor.ExplanationValue;

import io.witness.operators.monitor.Step;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;

/**
 * The book-keeping that every test by betting does after a bet, shared by SKIT and mmd-betting
 * (spec §A.2.5, §A.4.4): the running maximum of the log wealth (p-value = min(1, 1/max wealth)), the
 * alarm at log wealth ≥ log(1/α), the restart after an alarm (wealth and its maximum back to 1, the
 * bettor's adaptation kept), and the alarm episode that clears after {@code resolve-after} bets
 * without a new alarm.
 *
 * <p>State ({@value #STATE_BYTES} bytes, written by the monitor where its layout says):
 * {@code double max log wealth; long bets; long restarts; long bets since the last alarm}. Whether an
 * episode is open is a flag bit of the monitor's own flags byte.
 */
public final class WealthLedger {

    /** Serialised size of {@link #write}. */
    public static final int STATE_BYTES = 8 + 3 * 8;

    private final double alpha;
    private final double logThreshold;
    private final int resolveAfter;

    private double maxLogWealth;
    private long bets;
    private long restarts;
    private long betsSinceAlarm;
    private boolean episodeOpen;

    public WealthLedger(double alpha, int resolveAfter) {
        this.alpha = alpha;
        this.logThreshold = Math.log(1.0 / alpha);
        this.resolveAfter = resolveAfter;
    }

    /** Counts a bet just placed; call before building its explanation. */
    public void countBet() {
        bets++;
    }

    /** Bets placed so far, over all tests. */
    public long bets() {
        return bets;
    }

    /** Tests restarted after an alarm (the explanation's {@code test}). */
    public long restarts() {
        return restarts;
    }

    public boolean episodeOpen() {
        return episodeOpen;
    }

    public void episodeOpen(boolean open) {
        episodeOpen = open;
    }

    /**
     * The step of the bet just placed, from the bettor's wealth after it; on an alarm the test then
     * restarts (§A.4.4).
     */
    public Step settle(long observations, Bettor bettor, Map<String, ExplanationValue> why) {
        double logW = bettor.logWealth();
        maxLogWealth = Math.max(maxLogWealth, logW);
        double pValue = Math.min(1.0, Math.exp(-maxLogWealth));
        boolean alarm = logW >= logThreshold;
        boolean clear = false;
        if (alarm) {
            episodeOpen = true;
            betsSinceAlarm = 0;
        } else if (episodeOpen) {
            betsSinceAlarm++;
            if (betsSinceAlarm >= resolveAfter) {
                clear = true;
                episodeOpen = false;
            }
        }
        Step step = new Step(observations, logW, pValue, Math.exp(logW), 1.0 / alpha, alarm, clear, why);
        if (alarm) {
            bettor.resetWealth();
            maxLogWealth = 0.0;
            restarts++;
        }
        return step;
    }

    /** A new test with a new bettor (mmd-betting's re-baseline): the running maximum starts again. */
    public void newTest() {
        maxLogWealth = 0.0;
    }

    public void write(DataOutput out) throws IOException {
        out.writeDouble(maxLogWealth);
        out.writeLong(bets);
        out.writeLong(restarts);
        out.writeLong(betsSinceAlarm);
    }

    public void read(DataInput in) throws IOException {
        maxLogWealth = in.readDouble();
        bets = in.readLong();
        restarts = in.readLong();
        betsSinceAlarm = in.readLong();
    }
}
