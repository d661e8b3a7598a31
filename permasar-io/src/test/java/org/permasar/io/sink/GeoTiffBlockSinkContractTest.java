package org.permasar.io.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.permasar.grid.Window;
import org.permasar.io.geotiff.GeoTiffBlockSink;
import org.permasar.io.geotiff.GeoTiffReader;

/**
 * The sink contract for GeoTIFF folders (one {@code <dataset>.tif} per gridded dataset), read back
 * with {@link GeoTiffReader}; the 1-D datasets are GDAL metadata items of every file. A buffer of
 * 16 KiB holds one waiting row band of the contract's cube (8 480 bytes) in memory, so waiting
 * bands go both to memory and to the spill file.
 */
class GeoTiffBlockSinkContractTest extends BlockSinkContract {
    @Override
    protected BlockSinkFactory factory() {
        return (target, grid, attributes) -> GeoTiffBlockSink.open(target, grid, attributes, 16 << 10);
    }

    @Override
    protected Path target(String name) {
        return dir.resolve(name);
    }

    @Override
    protected void checkMetadata(Path target) throws IOException {
        try (GeoTiffReader r = GeoTiffReader.open(target.resolve("timeseries.tif"))) {
            assertThat(r.grid().rows()).isEqualTo(GRID.rows());
            assertThat(r.grid().cols()).isEqualTo(GRID.cols());
            assertThat(r.bandCount()).isEqualTo(LAYERS);
            assertThat(r.attributes()).containsEntry("FILE_TYPE", "timeseries").containsEntry("WAVELENGTH", "0.05546576")
                    .containsEntry("UNIT", "m").containsEntry("date", "20200101,20200113,20200125,20200206,20200218")
                    .containsEntry("bperp", "0.0,12.5,-30.25,NaN,7.0");
        }
        try (GeoTiffReader r = GeoTiffReader.open(target.resolve("temporalCoherence.tif"))) {
            assertThat(r.bandCount()).isEqualTo(1);
        }
    }

    @Override
    protected float[] read(Path target, String dataset, Window w) throws IOException {
        try (GeoTiffReader r = GeoTiffReader.open(target.resolve(dataset + ".tif"))) {
            float[] v = new float[r.bandCount() * w.size()];
            r.read(GeoTiffReader.BANDS, w, v, 0);
            if (dataset.equals("connectComponent")) {
                // the int16 fill (nodata) reads back as NaN; the contract's values never use it
                assertThat(Arrays.stream(toDouble(v)).noneMatch(Double::isNaN)).isTrue();
            }
            return v;
        }
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
