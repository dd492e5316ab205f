package io.witness.operators.seqksd;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The tail neighbourhood {@code ZS_J} of spec §B.7.3: edits restricted to the last J positions —
 * substitutions of any of the last J symbols by any other symbol; insertions of any symbol landing in
 * one of the last J slots of the result; deletions of any of the last J symbols (length ≥ 2).
 * Insertion into the last J slots and deletion from the last J positions are mutual inverses, so the
 * neighbourhood is symmetric; duplicates are merged. Length-changing edits are what make the KSD
 * characterise laws across lengths ({@code ZS_J'}, substitutions only, does not).
 *
 * @param positions     J
 * @param substitutions include substitutions
 * @param insertDelete  include insertions and deletions
 */
public record Neighbourhood(int positions, boolean substitutions, boolean insertDelete) {

    public Neighbourhood {
        if (positions < 1 || !(substitutions || insertDelete)) {
            throw new IllegalArgumentException("neighbourhood needs J ≥ 1 and at least one kind of edit");
        }
    }

    /** The distinct neighbours of x over an alphabet of {@code symbols}, in a deterministic order. */
    public Set<String> of(String x, int symbols) {
        Set<String> out = new LinkedHashSet<>();
        int n = x.length();
        StringBuilder b = new StringBuilder(n + 1);
        if (substitutions) {
            for (int i = Math.max(0, n - positions); i < n; i++) {
                for (int s = 0; s < symbols; s++) {
                    if (s != x.charAt(i)) {
                        b.setLength(0);
                        b.append(x, 0, i).append((char) s).append(x, i + 1, n);
                        out.add(b.toString());
                    }
                }
            }
        }
        if (insertDelete) {
            // the result has length n+1; the inserted symbol lands in one of its last J slots
            for (int i = Math.max(0, n + 1 - positions); i <= n; i++) {
                for (int s = 0; s < symbols; s++) {
                    b.setLength(0);
                    b.append(x, 0, i).append((char) s).append(x, i, n);
                    out.add(b.toString());
                }
            }
            if (n >= 2) {
                for (int i = Math.max(0, n - positions); i < n; i++) {
                    b.setLength(0);
                    b.append(x, 0, i).append(x, i + 1, n);
                    out.add(b.toString());
                }
            }
        }
        return out;
    }
}
