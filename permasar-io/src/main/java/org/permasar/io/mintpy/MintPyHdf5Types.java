package org.permasar.io.mintpy;

import io.jhdf.WritableDatasetImpl;
import io.jhdf.api.WritableDataset;
import io.jhdf.object.datatype.BitField;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.StringData;
import io.jhdf.storage.HdfFileChannel;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The two HDF5 datatypes MintPy needs that jHDF 0.13.0 cannot write by itself:
 * <ul>
 *   <li>numpy/h5py {@code bool} — an HDF5 <em>enum</em> over a signed 8-bit integer with
 *       members {@code FALSE = 0} and {@code TRUE = 1} (h5py's mapping). jHDF writes Java
 *       {@code boolean[]} as an 8-bit bit field, which h5py reads as {@code uint8}; MintPy then
 *       indexes with it ({@code dates[f['dropIfgram'][:]]}) and silently selects rows 0 and 1
 *       instead of masking. So {@code dropIfgram} and masks must be real enums.</li>
 *   <li>numpy {@code |S8} — fixed-length, null-padded ASCII strings of exactly 8 bytes
 *       ({@code YYYYMMDD} dates). jHDF writes null-terminated strings one byte longer
 *       ({@code |S9}).</li>
 * </ul>
 * Both are installed by replacing the datatype of a dataset jHDF has already accepted (field
 * {@code WritableDatasetImpl.dataType}, reached by reflection; jHDF is on the class path, an
 * unnamed module). The datatype messages follow the HDF5 File Format Specification 3.0,
 * §IV.A.2.d "Datatype Message" (classes 3 = string, 8 = enumeration). Data must stay contiguous
 * (not chunked) for these datasets, which is jHDF's default.
 */
final class MintPyHdf5Types {
    private MintPyHdf5Types() {
    }

    /** Datatype message: version 1 in the high nibble, class in the low nibble (HDF5 spec IV.A.2.d). */
    private static byte classAndVersion(int cls) {
        return (byte) ((1 << 4) | cls);
    }

    /** An h5py-compatible boolean (enum int8 {FALSE=0, TRUE=1}); data are written 0/1 bytes by jHDF's bit-field code. */
    static final class BoolEnum extends BitField {
        BoolEnum() {
            super(bitFieldMessage());
        }

        private static ByteBuffer bitFieldMessage() {
            ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            b.put(classAndVersion(4)).put((byte) 0).put((byte) 0).put((byte) 0).putInt(1);
            b.putShort((short) 0).putShort((short) 8);
            return b.flip();
        }

        @Override
        public ByteBuffer toBuffer() {
            // enum header: 2 members, size 1 byte; then base type signed int8; names padded to
            // multiples of 8 bytes (version 1); then the values in the base type.
            ByteBuffer b = ByteBuffer.allocate(8 + 12 + 16 + 2).order(ByteOrder.LITTLE_ENDIAN);
            b.put(classAndVersion(8)).put((byte) 2).put((byte) 0).put((byte) 0).putInt(1);
            b.put(classAndVersion(0)).put((byte) 0x08).put((byte) 0).put((byte) 0).putInt(1);
            b.putShort((short) 0).putShort((short) 8);
            b.put("FALSE\0\0\0".getBytes(StandardCharsets.US_ASCII));
            b.put("TRUE\0\0\0\0".getBytes(StandardCharsets.US_ASCII));
            b.put((byte) 0).put((byte) 1);
            return b.flip();
        }
    }

    /** Fixed-length null-padded ASCII strings of {@code length} bytes (numpy {@code |S<length>}). */
    static final class FixedAscii extends StringData {
        private final int length;

        FixedAscii(int length) {
            super(message(length));
            this.length = length;
        }

        private static ByteBuffer message(int length) {
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            // class bits: padding type 1 = null pad, character set 0 = ASCII
            b.put(classAndVersion(3)).put((byte) 0x01).put((byte) 0).put((byte) 0).putInt(length);
            return b.flip();
        }

        @Override
        public void writeData(Object data, int[] dimensions, HdfFileChannel channel) {
            long n = 1;
            for (int d : dimensions) {
                n *= d;
            }
            ByteBuffer b = ByteBuffer.allocate((int) (n * length));
            put(data, b);
            channel.write(b.flip());
        }

        private void put(Object data, ByteBuffer b) {
            if (data instanceof String s) {
                byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
                if (bytes.length > length) {
                    throw new IllegalArgumentException("string '" + s + "' is longer than " + length + " bytes");
                }
                b.put(bytes);
                for (int i = bytes.length; i < length; i++) {
                    b.put((byte) 0);
                }
            } else {
                for (Object o : (Object[]) data) {
                    put(o, b);
                }
            }
        }
    }

    /** Makes {@code dataset} (written from a {@code boolean[]...}) an h5py {@code bool} dataset. */
    static void asBool(WritableDataset dataset) {
        replaceType(dataset, new BoolEnum());
    }

    /** Makes {@code dataset} (written from a {@code String[]...}) a {@code |S<length>} dataset. */
    static void asFixedAscii(WritableDataset dataset, int length) {
        replaceType(dataset, new FixedAscii(length));
    }

    private static void replaceType(WritableDataset dataset, DataType type) {
        try {
            Field f = WritableDatasetImpl.class.getDeclaredField("dataType");
            f.setAccessible(true);
            f.set(dataset, type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this jHDF version does not allow setting the HDF5 datatype of "
                    + dataset.getName() + " (expected io.jhdf 0.13.0): " + e, e);
        }
    }
}
