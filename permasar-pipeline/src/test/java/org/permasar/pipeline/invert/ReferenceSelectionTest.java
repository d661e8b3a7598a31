package org.permasar.pipeline.invert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The automatic reference rule on hand-made score maps ({@code NEGATIVE_INFINITY} = not usable). */
class ReferenceSelectionTest {
    static final float X = Float.NEGATIVE_INFINITY;

    /** A rows × cols map filled with {@code base}. */
    static float[] map(int rows, int cols, float base) {
        float[] s = new float[rows * cols];
        Arrays.fill(s, base);
        return s;
    }

    /** Checks the chosen pixel, the margin and radius it was found with. */
    static void check(float[] score, int rows, int cols, boolean coherence, int row, int col, int margin, int radius) {
        ReferenceSelection.Choice c = ReferenceSelection.choose(score, rows, cols, coherence);
        assertThat(c).isNotNull();
        assertThat(new int[] {c.row(), c.col(), c.margin(), c.radius()}).as("row, col, margin, radius")
                .containsExactly(row, col, margin, radius);
    }

    @Test
    void marginIsTenPercentOfTheShortSideWithinTwoToTen() {
        assertThat(ReferenceSelection.margin(16, 20)).isEqualTo(2);
        assertThat(ReferenceSelection.margin(40, 50)).isEqualTo(4);
        assertThat(ReferenceSelection.margin(60, 100)).isEqualTo(6);
        assertThat(ReferenceSelection.margin(1000, 1200)).isEqualTo(10);
        assertThat(ReferenceSelection.margin(5, 5)).isEqualTo(2);
    }

    @Test
    void theMostCoherentEdgeIsNotTaken() {
        // coherence rises towards row 0 (as on the simulated scenes, where the old rule took row 0)
        int rows = 40, cols = 50;
        float[] s = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            Arrays.fill(s, r * cols, (r + 1) * cols, 0.95f - 0.005f * r);
        }
        // best patch: row 4 (the margin), the column closest to the centre (24.5 → 24 first)
        check(s, rows, cols, true, 4, 24, 4, 1);
    }

    @Test
    void aPatchBeatsAnIsolatedSpeckle() {
        int rows = 20, cols = 20;
        float[] s = map(rows, cols, 0.5f);
        s[5 * cols + 5] = 0.99f;                 // one bright pixel: 3 × 3 mean (0.99 + 8·0.5)/9 = 0.554
        for (int r = 12; r <= 14; r++) {
            for (int c = 12; c <= 14; c++) {
                s[r * cols + c] = 0.8f;          // a coherent patch: mean 0.8 at its centre
            }
        }
        check(s, rows, cols, true, 13, 13, 2, 1);
    }

    @Test
    void maskedOrInvalidNeighboursDisqualifyAPixel() {
        int rows = 12, cols = 12;
        float[] s = map(rows, cols, 0.6f);
        for (int r = 4; r <= 6; r++) {
            for (int c = 4; c <= 6; c++) {
                s[r * cols + c] = 0.9f;
            }
        }
        s[4 * cols + 6] = X;                     // water / NaN in one pair next to the best pixel
        ReferenceSelection.Choice c = ReferenceSelection.choose(s, rows, cols, true);
        for (int dr = -1; dr <= 1; dr++) {
            for (int dc = -1; dc <= 1; dc++) {
                assertThat(s[(c.row() + dr) * cols + c.col() + dc]).isGreaterThan(X);
            }
        }
        assertThat(c.row()).isBetween(1, rows - 2);
        assertThat(c.col()).isBetween(1, cols - 2);
    }

    @Test
    void withoutCoherenceTheUsableCentreWins() {
        int rows = 9, cols = 11;
        float[] s = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double dr = r - rows / 2.0, dc = c - cols / 2.0;
                s[r * cols + c] = (float) -(dr * dr + dc * dc);
            }
        }
        check(s, rows, cols, false, 4, 5, 2, 1);
        s[3 * cols + 5] = X;                     // a neighbour of the centre is masked
        ReferenceSelection.Choice c = ReferenceSelection.choose(s, rows, cols, false);
        assertThat(Math.abs(c.row() - 3) > 1 || Math.abs(c.col() - 5) > 1).isTrue();
    }

    @Test
    void theRuleRelaxesStepByStepAndGivesUpOnlyWithNoUsablePixel() {
        // only a usable 3 × 3 patch touching the top edge, inside the 2 px margin: the margin must go
        int rows = 20, cols = 20;
        float[] s = map(rows, cols, X);
        for (int r = 0; r <= 2; r++) {
            for (int c = 3; c <= 5; c++) {
                s[r * cols + c] = 0.7f;
            }
        }
        check(s, rows, cols, true, 1, 4, 0, 1);
        // only single usable pixels: the neighbours must go too (the old rule)
        float[] t = map(rows, cols, X);
        t[0] = 0.3f;
        t[7 * cols + 2] = 0.4f;
        check(t, rows, cols, true, 7, 2, 0, 0);
        assertThat(ReferenceSelection.choose(map(rows, cols, X), rows, cols, true)).isNull();
    }
}
