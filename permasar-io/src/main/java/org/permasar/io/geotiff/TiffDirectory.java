package org.permasar.io.geotiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One TIFF image file directory (IFD) being assembled for writing, little-endian, in classic TIFF
 * (TIFF 6.0, Adobe 1992, §2: 12-byte entries, 4-byte value field) or BigTIFF (Aware Systems 2005
 * proposal adopted by libtiff 4: 20-byte entries, 8-byte counts, value field and offsets) layout.
 *
 * <p>Entries are kept sorted by tag (TIFF 6.0 requires ascending order). Values that do not fit in
 * the entry's value field are laid out right after the IFD, each on a word boundary, so the whole
 * directory with its data is one contiguous block of {@link #size(boolean)} bytes. Mutable; not
 * thread-safe.
 */
final class TiffDirectory {
    static final int BYTE = 1;
    static final int ASCII = 2;
    static final int SHORT = 3;
    static final int LONG = 4;
    static final int DOUBLE = 12;
    static final int LONG8 = 16;

    private record Entry(int type, long count, byte[] data) {
    }

    private final Map<Integer, Entry> entries = new TreeMap<>();

    private static ByteBuffer le(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Sets a SHORT (uint16) entry. */
    void shorts(int tag, List<Integer> values) {
        ByteBuffer b = le(2 * values.size());
        for (int v : values) {
            if (v < 0 || v > 0xFFFF) {
                throw new IllegalArgumentException("tag " + tag + ": SHORT value " + v + " outside 0–65535");
            }
            b.putShort((short) v);
        }
        entries.put(tag, new Entry(SHORT, values.size(), b.array()));
    }

    /** Sets a LONG (uint32) entry. */
    void longs(int tag, long... values) {
        ByteBuffer b = le(4 * values.length);
        for (long v : values) {
            if (v < 0 || v > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("tag " + tag + ": LONG value " + v + " outside 0–4294967295");
            }
            b.putInt((int) v);
        }
        entries.put(tag, new Entry(LONG, values.length, b.array()));
    }

    /** Sets a LONG8 (uint64, BigTIFF only) entry. */
    void long8s(int tag, long... values) {
        ByteBuffer b = le(8 * values.length);
        for (long v : values) {
            b.putLong(v);
        }
        entries.put(tag, new Entry(LONG8, values.length, b.array()));
    }

    /** Sets a DOUBLE entry. */
    void doubles(int tag, List<Double> values) {
        ByteBuffer b = le(8 * values.size());
        for (double v : values) {
            b.putDouble(v);
        }
        entries.put(tag, new Entry(DOUBLE, values.size(), b.array()));
    }

    /** Sets an ASCII entry: the UTF-8 bytes of {@code text} plus the terminating NUL. */
    void ascii(int tag, String text) {
        byte[] s = text.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[s.length + 1];
        System.arraycopy(s, 0, z, 0, s.length);
        entries.put(tag, new Entry(ASCII, z.length, z));
    }

    private static int entryBytes(boolean big) {
        return big ? 20 : 12;
    }

    private static int inlineBytes(boolean big) {
        return big ? 8 : 4;
    }

    private static long align(long p, boolean big) {
        int a = big ? 8 : 2;
        return (p + a - 1) / a * a;
    }

    /** Bytes of the IFD (count, entries, next-IFD offset) plus its out-of-line values. */
    long size(boolean big) {
        long p = (big ? 8 : 2) + (long) entries.size() * entryBytes(big) + (big ? 8 : 4);
        for (Entry e : entries.values()) {
            if (e.data.length > inlineBytes(big)) {
                p = align(p, big) + e.data.length;
            }
        }
        return p;
    }

    /**
     * The directory block, to be written at file offset {@code position} (which must be word-aligned):
     * out-of-line offsets are absolute file offsets. The next-IFD offset is 0 (single image).
     */
    byte[] encode(long position, boolean big) {
        long total = size(big);
        ByteBuffer b = le(Math.toIntExact(total));
        long dataPos = (big ? 8 : 2) + (long) entries.size() * entryBytes(big) + (big ? 8 : 4);
        if (big) {
            b.putLong(entries.size());
        } else {
            b.putShort((short) entries.size());
        }
        for (Map.Entry<Integer, Entry> me : entries.entrySet()) {
            Entry e = me.getValue();
            if (!big && e.type == LONG8) {
                throw new IllegalStateException("tag " + me.getKey() + ": LONG8 in a classic TIFF");
            }
            b.putShort((short) (int) me.getKey());
            b.putShort((short) e.type);
            if (big) {
                b.putLong(e.count);
            } else {
                b.putInt((int) e.count);
            }
            int field = b.position();
            if (e.data.length <= inlineBytes(big)) {
                b.put(e.data); // left-justified in the value field, rest zero
            } else {
                dataPos = align(dataPos, big);
                long abs = position + dataPos;
                if (big) {
                    b.putLong(abs);
                } else {
                    if (abs > 0xFFFFFFFFL) {
                        throw new IllegalStateException("offset " + abs + " beyond classic TIFF's 4 GiB");
                    }
                    b.putInt((int) abs);
                }
                b.put(Math.toIntExact(dataPos), e.data);
                dataPos += e.data.length;
            }
            b.position(field + inlineBytes(big));
        }
        if (big) {
            b.putLong(0);
        } else {
            b.putInt(0);
        }
        return b.array();
    }
}
