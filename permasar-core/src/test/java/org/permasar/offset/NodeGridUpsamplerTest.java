package org.permasar.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bilinear upsampling of node offsets against a plane (reproduced exactly) and its NaN and edge rules. */
class NodeGridUpsamplerTest {
    @Test
    void planeIsReproducedBetweenNodesAndClampedOutside() {
        int gr = 4, gc = 5, first = 10, step = 8, rows = 50, cols = 60;
        float[] nodes = new float[gr * gc];
        for (int i = 0; i < gr; i++) {
            for (int j = 0; j < gc; j++) {
                int r = first + i * step, c = first + j * step;
                nodes[i * gc + j] = (float) (0.5 * r - 0.25 * c + 3);
            }
        }
        float[] px = NodeGridUpsampler.toPixels(nodes, gr, gc, first, step, rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int rc = Math.min(Math.max(r, first), first + (gr - 1) * step), cc = Math.min(Math.max(c, first), first + (gc - 1) * step);
                assertEquals(0.5 * rc - 0.25 * cc + 3, px[r * cols + c], 1e-5, "pixel " + r + "," + c);
            }
        }
    }

    @Test
    void nanNodeSpreadsOnlyWhereItWeighs() {
        float[] nodes = {1, 1, 1, 1, Float.NaN, 1, 1, 1, 1};
        float[] px = NodeGridUpsampler.toPixels(nodes, 3, 3, 0, 4, 9, 9);
        assertTrue(Float.isNaN(px[4 * 9 + 4])); // on the NaN node
        assertTrue(Float.isNaN(px[2 * 9 + 2])); // between it and its neighbours
        assertEquals(1, px[0], 0); // on node (0, 0)
        assertEquals(1, px[4], 0); // on node (0, 1): the NaN node has zero weight
    }
}
