package org.permasar.io.mintpy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.RasterFormats;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;

/** Unusable inputs: each must be an InvalidInputException naming the file and the problem. */
class MintPyBadInputTest {
    @TempDir
    Path tmp;

    /** A minimal ifgramStack written with plain jHDF, so that it can be made wrong on purpose. */
    private Path stack(String name, boolean wavelength, int cohPairs, String[][] dates) {
        Path p = tmp.resolve(name);
        try (WritableHdfFile f = HdfFile.write(p)) {
            f.putAttribute("FILE_TYPE", "ifgramStack");
            f.putAttribute("LENGTH", "2");
            f.putAttribute("WIDTH", "3");
            if (wavelength) {
                f.putAttribute("WAVELENGTH", "0.0555");
            }
            f.putDataset("unwrapPhase", new float[2][2][3]);
            f.putDataset("coherence", new float[cohPairs][2][3]);
            f.putDataset("date", dates);
        }
        return p;
    }

    private static final String[][] DATES = {{"20200101", "20200113"}, {"20200101", "20200125"}};

    @Test
    void missingFile() {
        Path p = tmp.resolve("nothing-here.h5");
        assertThatThrownBy(() -> RasterFormats.open(p)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nothing-here.h5").hasMessageContaining("no such file");
        assertThatThrownBy(() -> MintPyIfgramStack.open(p)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nothing-here.h5").hasMessageContaining("no such file");
        assertThatThrownBy(() -> new MintPyFormat().open(p)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nothing-here.h5");
    }

    @Test
    void truncatedCopiesOfTheEtnaStackAreRefusedNotMisread() throws IOException {
        long size = Files.size(MintPyEtnaReadTest.STACK);
        for (double keep : new double[] {0.001, 0.05, 0.3, 0.6, 0.9}) {
            Path cut = tmp.resolve("cut-" + keep + ".h5");
            Files.copy(MintPyEtnaReadTest.STACK, cut);
            try (FileChannel ch = FileChannel.open(cut, StandardOpenOption.WRITE)) {
                ch.truncate((long) (size * keep));
            }
            // either opening or reading some window must fail, and only with InvalidInputException
            Throwable t = catchAll(() -> {
                try (InterferogramStack s = RasterFormats.openStack(cut)) {
                    for (String ds : s.datasets()) {
                        s.read(ds, Window.of(s.grid()));
                    }
                }
            });
            assertThat(t).as("truncated to " + keep).isInstanceOf(InvalidInputException.class);
            assertThat(t.getMessage()).as("truncated to " + keep).contains(cut.getFileName().toString());
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Throwable catchAll(Body b) {
        try {
            b.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    @Test
    void anHdf5FileThatIsNotAStack() {
        Path kfts = MintPyEtnaReadTest.ETNA.resolve("Etna_sample.h5");
        assertThatThrownBy(() -> RasterFormats.openStack(kfts)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Etna_sample.h5").hasMessageContaining("FILE_TYPE");
        assertThatThrownBy(() -> MintPyIfgramStack.open(kfts)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Etna_sample.h5").hasMessageContaining("unwrapPhase")
                .hasMessageContaining("igram");
    }

    @Test
    void aProductIsNotAStack() throws IOException {
        Path ts = tmp.resolve("velocity.h5");
        MintPyWriter.writeVelocity(ts, GridGeometry.radar(2, 2, null),
                new java.util.LinkedHashMap<>(Map.of("velocity", new float[4])), Map.of());
        assertThatThrownBy(() -> RasterFormats.openStack(ts)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("velocity.h5").hasMessageContaining("not an interferogram stack");
    }

    @Test
    void notHdf5AtAll() throws IOException {
        Path txt = Files.writeString(tmp.resolve("notes.h5"), "just text, not HDF5");
        assertThat(new MintPyFormat().sniff(txt)).isZero();
        assertThatThrownBy(() -> new MintPyFormat().open(txt)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("notes.h5").hasMessageContaining("not an HDF5 file");
    }

    @Test
    void missingWavelength() {
        Path p = stack("noWavelength.h5", false, 2, DATES);
        assertThatThrownBy(() -> RasterFormats.openStack(p)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("noWavelength.h5").hasMessageContaining("WAVELENGTH");
    }

    @Test
    void cubeOfTheWrongShape() {
        Path p = stack("badCoherence.h5", true, 3, DATES);
        assertThatThrownBy(() -> RasterFormats.openStack(p)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("badCoherence.h5").hasMessageContaining("[coherence]")
                .hasMessageContaining("[3, 2, 3]").hasMessageContaining("[2, 2, 3]");
    }

    @Test
    void dateRowsDisagreeWithPairs() {
        Path p = stack("badDates.h5", true, 2, new String[][] {{"20200101", "20200113"}});
        assertThatThrownBy(() -> RasterFormats.openStack(p)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("badDates.h5").hasMessageContaining("[date]")
                .hasMessageContaining("[1, 2]").hasMessageContaining("[2, 2]");
    }

    @Test
    void unorderedPairDates() {
        Path p = stack("backwards.h5", true, 2, new String[][] {{"20200113", "20200101"}, {"20200101", "20200125"}});
        assertThatThrownBy(() -> RasterFormats.openStack(p)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("backwards.h5").hasMessageContaining("row 0");
    }

    @Test
    void unknownDatasetAndBadWindow() throws IOException {
        try (RasterSource s = RasterFormats.open(MintPyEtnaReadTest.STACK)) {
            assertThatThrownBy(() -> s.read("timeseries", new Window(0, 0, 1, 1)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("[timeseries]")
                    .hasMessageContaining("unwrapPhase");
            assertThatThrownBy(() -> s.read("unwrapPhase", new Window(15, 15, 10, 10)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20×20");
        }
    }

    @Test
    void writerRejectsInconsistentArguments() {
        GridGeometry g = GridGeometry.radar(2, 2, null);
        List<java.time.LocalDate> dates = List.of(java.time.LocalDate.of(2020, 1, 1));
        assertThatThrownBy(() -> MintPyWriter.writeTimeseries(tmp.resolve("t.h5"), g, dates, new float[5], null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 values");
        assertThat(tmp.resolve("t.h5")).doesNotExist();
    }
}
