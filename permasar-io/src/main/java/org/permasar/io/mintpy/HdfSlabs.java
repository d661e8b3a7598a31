package org.permasar.io.mintpy;

/**
 * Copies the nested Java arrays jHDF returns for a hyperslab ({@code float[][][]},
 * {@code short[][]}, …) into one flat float array, layer-major:
 * {@code dest[offset + layer·rows·cols + r·cols + c]}. Integer and boolean types become exact
 * floats (booleans, which jHDF returns as "TRUE"/"FALSE" strings for h5py bool, become 1/0).
 * Floating values equal to {@code nodata} become NaN (pass NaN for none). Stateless.
 */
final class HdfSlabs {
    private HdfSlabs() {
    }

    /** Copies a 2-D ({@code rows × cols}) or 3-D ({@code layers × rows × cols}) slab. */
    static void toFloat(Object slab, float[] dest, int offset, float nodata) {
        if (slab instanceof Object[] outer && outer.length > 0 && outer[0] instanceof Object[] && !(outer[0] instanceof String[])) {
            // 3-D: layers of 2-D slabs; the first layer tells the layer size
            int layerSize = layerSize(outer[0]);
            for (int k = 0; k < outer.length; k++) {
                copy2d((Object[]) outer[k], dest, offset + k * layerSize, nodata);
            }
        } else if (slab instanceof Object[] rows) {
            copy2d(rows, dest, offset, nodata);
        } else {
            throw new IllegalArgumentException("expected a 2-D or 3-D array, got " + slab.getClass().getSimpleName());
        }
    }

    private static int layerSize(Object twoD) {
        Object[] rows = (Object[]) twoD;
        return rows.length == 0 ? 0 : rows.length * java.lang.reflect.Array.getLength(rows[0]);
    }

    private static void copy2d(Object[] rows, float[] dest, int offset, float nodata) {
        int o = offset;
        boolean mark = !Float.isNaN(nodata);
        for (Object row : rows) {
            if (row instanceof float[] f) {
                System.arraycopy(f, 0, dest, o, f.length);
                if (mark) {
                    for (int c = 0; c < f.length; c++) {
                        if (dest[o + c] == nodata) {
                            dest[o + c] = Float.NaN;
                        }
                    }
                }
                o += f.length;
            } else if (row instanceof double[] d) {
                for (double v : d) {
                    dest[o++] = mark && v == nodata ? Float.NaN : (float) v;
                }
            } else if (row instanceof short[] s) {
                for (short v : s) {
                    dest[o++] = v;
                }
            } else if (row instanceof int[] s) {
                for (int v : s) {
                    dest[o++] = v;
                }
            } else if (row instanceof byte[] s) {
                for (byte v : s) {
                    dest[o++] = v;
                }
            } else if (row instanceof long[] s) {
                for (long v : s) {
                    dest[o++] = v;
                }
            } else if (row instanceof boolean[] s) {
                for (boolean v : s) {
                    dest[o++] = v ? 1f : 0f;
                }
            } else if (row instanceof String[] s) {
                for (String v : s) {
                    dest[o++] = "TRUE".equalsIgnoreCase(v) ? 1f : "FALSE".equalsIgnoreCase(v) ? 0f : Float.NaN;
                }
            } else {
                throw new IllegalArgumentException("unsupported HDF5 element type " + row.getClass().getSimpleName());
            }
        }
    }
}
