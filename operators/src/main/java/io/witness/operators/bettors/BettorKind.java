package io.witness.operators.bettors;

/** Configuration values of the {@code bettor} parameter (§A.2.6), shared by SKIT and mmd-betting. */
/* SKIT states store the ordinal (SkitStateShape): append new kinds, never reorder. */
public enum BettorKind {
    ONS,
    AGRAPA,
    MIXTURE;

    /**
     * A bettor of this kind with wealth 1 and no adaptation yet; the truncation that does not belong
     * to this kind is ignored.
     */
    public Bettor newBettor(double onsTruncation, double agrapaTruncation) {
        return switch (this) {
            case ONS -> new OnsBettor(onsTruncation);
            case AGRAPA -> new AgrapaBettor(agrapaTruncation);
            case MIXTURE -> new MixtureBettor();
        };
    }
}
