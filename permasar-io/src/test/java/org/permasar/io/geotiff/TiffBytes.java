package org.permasar.io.geotiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hand-built TIFF files for parser tests: a header, one directory whose entries carry any field type,
 * count and raw value bytes (even inconsistent ones), the out-of-line values right after it, then
 * optional image bytes, in either byte order, classic TIFF or BigTIFF. Offsets of image data are
 * known in advance through {@link #dataStart()}. Mutable; test use only.
 */
final class TiffBytes {
    private record Entry(int type, long count, byte[] value) {
    }

    private final ByteOrder order;
    private final boolean big;
    private final Map<Integer, Entry> entries = new TreeMap<>();
    private byte[] data = new byte[0];

    TiffBytes(ByteOrder order, boolean big) {
        this.order = order;
        this.big = big;
    }

    private ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(order);
    }

    /** An entry with raw value bytes in this file's byte order; {@code count} is written as given. */
    TiffBytes raw(int tag, int type, long count, byte[] value) {
        entries.put(tag, new Entry(type, count, value));
        return this;
    }

    TiffBytes remove(int tag) {
        entries.remove(tag);
        return this;
    }

    TiffBytes shorts(int tag, int... v) {
        ByteBuffer b = buf(2 * v.length);
        for (int x : v) {
            b.putShort((short) x);
        }
        return raw(tag, 3, v.length, b.array());
    }

    TiffBytes longs(int tag, long... v) {
        ByteBuffer b = buf(4 * v.length);
        for (long x : v) {
            b.putInt((int) x);
        }
        return raw(tag, 4, v.length, b.array());
    }

    TiffBytes long8s(int tag, long... v) {
        ByteBuffer b = buf(8 * v.length);
        for (long x : v) {
            b.putLong(x);
        }
        return raw(tag, 16, v.length, b.array());
    }

    TiffBytes doubles(int tag, double... v) {
        ByteBuffer b = buf(8 * v.length);
        for (double x : v) {
            b.putDouble(x);
        }
        return raw(tag, 12, v.length, b.array());
    }

    TiffBytes ascii(int tag, String s) {
        byte[] t = (s + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return raw(tag, 2, t.length, t);
    }

    /** Image bytes placed after the directory, at {@link #dataStart()}. */
    TiffBytes data(byte[] bytes) {
        this.data = bytes;
        return this;
    }

    private int header() {
        return big ? 16 : 8;
    }

    private int inline() {
        return big ? 8 : 4;
    }

    private int directoryBytes() {
        int n = (big ? 8 : 2) + entries.size() * (big ? 20 : 12) + (big ? 8 : 4);
        for (Entry e : entries.values()) {
            if (e.value.length > inline()) {
                n += e.value.length + (e.value.length & 1);
            }
        }
        return n;
    }

    /** File offset of the first image byte. */
    long dataStart() {
        return header() + directoryBytes();
    }

    byte[] bytes() {
        ByteBuffer b = buf((int) dataStart() + data.length);
        b.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
        b.put(b.get(0));
        if (big) {
            b.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(16);
            b.putLong(entries.size());
        } else {
            b.putShort((short) 42).putInt(8);
            b.putShort((short) entries.size());
        }
        int values = header() + (big ? 8 : 2) + entries.size() * (big ? 20 : 12) + (big ? 8 : 4);
        for (Map.Entry<Integer, Entry> me : entries.entrySet()) {
            Entry e = me.getValue();
            b.putShort((short) (int) me.getKey()).putShort((short) e.type);
            if (big) {
                b.putLong(e.count);
            } else {
                b.putInt((int) e.count);
            }
            int field = b.position();
            if (e.value.length <= inline()) {
                b.put(e.value);
            } else {
                if (big) {
                    b.putLong(values);
                } else {
                    b.putInt(values);
                }
                b.put(values, e.value);
                values += e.value.length + (e.value.length & 1);
            }
            b.position(field + inline());
        }
        b.put(values, data);
        return b.array();
    }

    /** The bytes with {@code tail} bytes cut off the end. */
    static byte[] cut(byte[] file, int tail) {
        return java.util.Arrays.copyOf(file, file.length - tail);
    }
}
