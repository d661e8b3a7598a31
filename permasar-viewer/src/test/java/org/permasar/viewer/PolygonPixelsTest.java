package org.permasar.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link PolygonPixels} on shapes whose pixel sets are known by hand. */
class PolygonPixelsTest {
    private static int[] inside(String poly, int rows, int cols) {
        double[][] v = PolygonPixels.parse(poly);
        return PolygonPixels.inside(v[0], v[1], rows, cols);
    }

    @Test
    void rectangleAlongPixelEdgesHoldsExactlyItsPixels() {
        // rows 1–2, cols 2–4 (corners on pixel edges): 6 centres
        assertThat(inside("1,2;1,5;3,5;3,2", 5, 6)).containsExactly(8, 9, 10, 14, 15, 16);
    }

    @Test
    void concaveShapeLeavesItsNotchOut() {
        // a U: 0–3 rows, 0–3 cols, minus the notch rows 0–2, col 1 (centre (0.5..2.5, 1.5))
        int[] px = inside("0,0;0,1;2,1;2,2;0,2;0,3;3,3;3,0", 3, 3);
        assertThat(px).containsExactly(0, 2, 3, 5, 6, 7, 8);
    }

    @Test
    void clippedToTheGridAndEmptyWhenNoCentreIsInside() {
        assertThat(inside("-5,-5;-5,1;1,1;1,-5", 3, 3)).containsExactly(0);
        assertThat(inside("0.1,0.1;0.4,0.1;0.4,0.4", 3, 3)).isEmpty();
    }

    @Test
    void badPolygonsAreRefusedNamingTheVertex() {
        assertThatThrownBy(() -> PolygonPixels.parse("1,1;2,2")).hasMessageContaining("3 to");
        assertThatThrownBy(() -> PolygonPixels.parse("1,1;2;3,3")).hasMessageContaining("vertex 2");
        assertThatThrownBy(() -> PolygonPixels.parse("1,1;2,NaN;3,3")).hasMessageContaining("vertex 2");
    }
}
