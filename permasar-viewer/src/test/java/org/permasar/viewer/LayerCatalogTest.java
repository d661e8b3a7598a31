package org.permasar.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.RasterFormats;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.io.mintpy.NoRasterException;
import org.permasar.network.Network;
import org.permasar.network.Pair;

/**
 * A per-pair table (invert's closureQuality.h5) in a product folder is passed over: not listed, and refused by the
 * raster reader as {@link NoRasterException} (which the catalogue logs at debug, not as a warning on every scan).
 */
class LayerCatalogTest {

    @Test
    void aPairTableIsNotALayer(@TempDir Path dir) throws Exception {
        GridGeometry g = GridGeometry.geocoded(3, 4, GeoTransform.northUp(500000, 100, 3900000, -100), 32646, Double.NaN);
        LinkedHashMap<String, float[]> v = new LinkedHashMap<>();
        v.put("velocity", new float[12]);
        MintPyWriter.writeVelocity(dir.resolve("velocity.h5"), g, v, Map.of("REF_DATE", "20200101"));
        LocalDate d0 = LocalDate.of(2020, 1, 1);
        Network net = new Network(List.of(new Pair(d0, d0.plusDays(12)), new Pair(d0.plusDays(12), d0.plusDays(24))),
                new double[2]);
        LinkedHashMap<String, float[]> c = new LinkedHashMap<>();
        c.put("nonzero_share", new float[] {0.1f, 0.2f});
        MintPyWriter.writePairTable(dir.resolve("closureQuality.h5"), net, c, Map.of(), "closureQuality");

        List<LayerCatalog.Layer> layers = new LayerCatalog(new PathGuard(dir)).layers();
        assertThat(layers).extracting(LayerCatalog.Layer::file).containsOnly("velocity.h5");
        assertThatThrownBy(() -> RasterFormats.open(dir.resolve("closureQuality.h5"))).isInstanceOf(NoRasterException.class);
    }
}
