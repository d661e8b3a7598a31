package org.permasar.io.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.crs.LatLonLocator;
import org.permasar.stack.InvalidInputException;

/** Site tables in degrees (lon/lat columns, put on the grid's CRS) or in the grid's own CRS (x/y columns). */
class SiteTableTest {
    /** UTM 46N, 100 m pixels from E 499 000, N 3 873 843 (the simulated scene's small grid). */
    static final GridGeometry UTM = GridGeometry.geocoded(16, 20, GeoTransform.northUp(499000, 100, 3873843, -100), 32646,
            Double.NaN);

    @TempDir
    Path dir;

    @Test
    void lonLatColumnsGoThroughTheCrsAndXyColumnsAreTakenAsTheyAre() throws Exception {
        Path deg = Files.writeString(dir.resolve("deg.csv"), "id,lon,lat,alt\nB1,93.0005,35.0003,1.5\n");
        Path xy = Files.writeString(dir.resolve("xy.csv"), "id;x;y;alt\nB1;500045.63;3873076.33;1.5\n");
        LatLonLocator loc = LatLonLocator.on(UTM);
        SiteTable.Site a = SiteTable.read(deg, "alt").get(0), b = SiteTable.read(xy, "alt").get(0);
        assertThat(a.gridCrs()).isFalse();
        assertThat(b.gridCrs()).isTrue();
        // gdaltransform -s_srs EPSG:4326 -t_srs EPSG:32646: 93.0005 35.0003 → 500045.625660664 3873076.33350876
        assertThat(a.mapXy(loc)[0]).isCloseTo(500045.625660664, within(1e-6));
        assertThat(a.mapXy(loc)[1]).isCloseTo(3873076.33350876, within(1e-6));
        assertThat(b.mapXy(loc)).containsExactly(500045.63, 3873076.33);
        assertThat(a.pixel(loc)).containsExactly(7, 10);
        assertThat(b.pixel(loc)).containsExactly(7, 10);
    }

    @Test
    void mixedOrMissingPositionColumnsAreRefused() throws Exception {
        Path mixed = Files.writeString(dir.resolve("m.csv"), "id,lon,y,alt\nB1,93,3873076,1.5\n");
        assertThatThrownBy(() -> SiteTable.read(mixed, "alt")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must name columns lon, lat (or x, y in the grid's CRS)");
        Path metres = Files.writeString(dir.resolve("metres.csv"), "id,lon,lat,alt\nB1,500045.63,3873076.33,1.5\n");
        List<SiteTable.Site> s = SiteTable.read(metres, "alt");
        assertThatThrownBy(() -> s.get(0).mapXy(LatLonLocator.on(UTM))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("site B1: latitude 3873076.33").hasMessageContaining("x/y columns");
    }
}
