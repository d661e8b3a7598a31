package org.permasar.pipeline.block;

import java.io.Serializable;
import java.util.Objects;
import org.permasar.io.sink.DatasetSpec;

/**
 * One gridded dataset a block job writes, and the product file it belongs to.
 *
 * @param product file name of the product relative to the step's output folder (e.g.
 *                {@code timeseries.h5}); outputs with the same product go to one sink
 * @param dataset what to create in that product
 */
public record BlockOutput(String product, DatasetSpec dataset) implements Serializable {
    public BlockOutput {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(dataset, "dataset");
        if (product.isBlank() || product.contains("/") || product.contains("\\")) {
            throw new IllegalArgumentException("product must be a plain file name, got \"" + product + "\"");
        }
    }

    /** Number of layers (1 for a plane). */
    public int layers() {
        int[] s = dataset.shape();
        return s.length == 3 ? s[0] : 1;
    }
}
