package org.permasar.hdf5;

import java.nio.file.Path;
import org.permasar.io.sink.BlockSinkContract;
import org.permasar.io.sink.BlockSinkFactory;

/** The sink contract for HDF5 through libhdf5, read back by jHDF. */
class Hdf5BlockSinkContractTest extends BlockSinkContract {
    @Override
    protected BlockSinkFactory factory() {
        return Hdf5BlockSink::open;
    }

    @Override
    protected Path target(String name) {
        return dir.resolve(name + ".h5");
    }
}
