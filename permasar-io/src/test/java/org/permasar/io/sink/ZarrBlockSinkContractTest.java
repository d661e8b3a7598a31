package org.permasar.io.sink;

import java.nio.file.Path;
import org.permasar.io.zarr.ZarrBlockSink;

/** The sink contract for the Zarr v2 store. */
class ZarrBlockSinkContractTest extends BlockSinkContract {
    @Override
    protected BlockSinkFactory factory() {
        return ZarrBlockSink::open;
    }

    @Override
    protected Path target(String name) {
        return dir.resolve(name + ".zarr");
    }
}
