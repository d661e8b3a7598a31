package org.permasar.io.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded, structure-aware mutations of one file's bytes. Binary files get bit flips, integer
 * fields set to 0 / −1 / huge at random and at structurally meaningful offsets (TIFF header and
 * directory entries, HDF5 superblock and object signatures), truncations, deleted, inserted and
 * duplicated ranges. Text files (headers, parameter files, CSV, JSON) get garbage lines, deleted,
 * swapped and duplicated lines, dropped columns, numbers replaced by NaN / inf / huge / negative
 * values, non-UTF-8 bytes and NUL bytes. The same seed always gives the same mutant.
 */
final class Mutator {
    private static final long[] INTS = {0, -1, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFFL,
        0x80000000L, 0xFFFFFFFFL, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32, 1L << 40};
    private static final String[] NUMBERS = {"NaN", "nan", "inf", "-inf", "Infinity", "1e308", "-1e308", "1e999",
        "-1", "0", "-0", "99999999999", "-2147483649", "2147483648", "", "abc", "1,5", "0x10", "  ", "1e-320"};
    private static final String[] GARBAGE = {"\u0000\u0000", "garbage line", ",,,,,,,", "#", "a;b;c",
        "WIDTH: -5", "FILE_LENGTH: 0", "width: 99999999", "{", "}", "[1, 2", "\"x\": null", "2020-13-45",
        "20201301", "\t\t\t", "é ü 中文", "x".repeat(70_000)};
    private static final String[] HDF5_SIGNATURES = {"OHDR", "OCHK", "TREE", "HEAP", "SNOD", "BTHD", "BTIN", "BTLF",
        "FRHP", "FHDB", "FHIB", "FSHD", "GCOL", "FRSS", "SMTB", "SMLI"};

    private final SplittableRandom rnd;

    Mutator(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    /** True when the first 4 KB hold no NUL byte and mostly printable ASCII/UTF-8. */
    static boolean looksText(byte[] b) {
        int n = Math.min(b.length, 4096), odd = 0;
        for (int i = 0; i < n; i++) {
            int v = b[i] & 0xFF;
            if (v == 0) {
                return false;
            }
            if (v < 9 || (v > 13 && v < 32)) {
                odd++;
            }
        }
        return n > 0 && odd * 20 < n;
    }

    /** One to three stacked mutations of {@code in}; {@code log} receives one line per mutation. */
    byte[] mutate(byte[] in, StringBuilder log) {
        byte[] b = in;
        int k = 1 + rnd.nextInt(3);
        for (int i = 0; i < k; i++) {
            boolean text = looksText(b) && rnd.nextInt(5) > 0;
            b = text ? mutateText(b, log) : mutateBinary(b, log);
        }
        return b;
    }

    // ---------------------------------------------------------------- binary

    private byte[] mutateBinary(byte[] b, StringBuilder log) {
        if (b.length == 0) {
            log.append("insert into empty file\n");
            return randomBytes(1 + rnd.nextInt(64));
        }
        int op = rnd.nextInt(9);
        switch (op) {
            case 0 -> {
                byte[] o = b.clone();
                int n = 1 + rnd.nextInt(8);
                for (int i = 0; i < n; i++) {
                    int p = offset(o);
                    o[p] ^= (byte) (1 << rnd.nextInt(8));
                }
                log.append("flip ").append(n).append(" bits\n");
                return o;
            }
            case 1, 2, 3 -> {
                byte[] o = b.clone();
                int p = structuralOffset(o);
                int width = new int[] {1, 2, 4, 8}[rnd.nextInt(4)];
                long v = rnd.nextInt(4) == 0 ? rnd.nextLong(1L << 31) : INTS[rnd.nextInt(INTS.length)];
                if (rnd.nextInt(6) == 0) {
                    v = (long) o.length + rnd.nextInt(64) - 32;
                }
                ByteOrder order = rnd.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
                putInt(o, p, width, v, order);
                log.append("set ").append(width).append("-byte ").append(order).append(" int at ").append(p)
                        .append(" to ").append(v).append('\n');
                return o;
            }
            case 4 -> {
                int p = rnd.nextBoolean() ? structuralOffset(b) : rnd.nextInt(b.length);
                log.append("truncate at ").append(p).append(" of ").append(b.length).append('\n');
                return Arrays.copyOf(b, p);
            }
            case 5 -> {
                int p = offset(b), n = Math.min(b.length - p, 1 + rnd.nextInt(rnd.nextBoolean() ? 16 : 4096));
                log.append("delete ").append(n).append(" bytes at ").append(p).append('\n');
                return splice(b, p, n, new byte[0]);
            }
            case 6 -> {
                int p = offset(b);
                byte[] ins = randomBytes(1 + rnd.nextInt(rnd.nextBoolean() ? 16 : 1024));
                log.append("insert ").append(ins.length).append(" random bytes at ").append(p).append('\n');
                return splice(b, p, 0, ins);
            }
            case 7 -> {
                int from = offset(b), n = Math.min(b.length - from, 1 + rnd.nextInt(512)), to = offset(b);
                log.append("copy ").append(n).append(" bytes from ").append(from).append(" over ").append(to).append('\n');
                byte[] o = b.clone();
                System.arraycopy(b, from, o, to, Math.min(n, o.length - to));
                return o;
            }
            default -> {
                byte[] o = b.clone();
                int p = offset(o), n = Math.min(o.length - p, 1 + rnd.nextInt(256));
                byte v = rnd.nextBoolean() ? 0 : (byte) 0xFF;
                Arrays.fill(o, p, p + n, v);
                log.append("fill ").append(n).append(" bytes at ").append(p).append(" with ").append(v & 0xFF).append('\n');
                return o;
            }
        }
    }

    private int offset(byte[] b) {
        return rnd.nextInt(3) == 0 ? structuralOffset(b) : rnd.nextInt(b.length);
    }

    /** An offset inside a header, a directory entry or next to an object signature, else random. */
    private int structuralOffset(byte[] b) {
        List<Integer> cand = structuralOffsets(b);
        if (cand.isEmpty() || rnd.nextInt(4) == 0) {
            return rnd.nextInt(b.length);
        }
        int p = cand.get(rnd.nextInt(cand.size()));
        return Math.max(0, Math.min(b.length - 1, p));
    }

    /** Offsets of fields that readers interpret: TIFF IFD entries, HDF5 superblock and object headers. */
    static List<Integer> structuralOffsets(byte[] b) {
        List<Integer> out = new ArrayList<>();
        if (b.length >= 8 && ((b[0] == 'I' && b[1] == 'I') || (b[0] == 'M' && b[1] == 'M'))) {
            ByteOrder o = b[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            ByteBuffer bb = ByteBuffer.wrap(b).order(o);
            for (int i = 2; i < 8; i++) {
                out.add(i);
            }
            long ifd = bb.getInt(4) & 0xFFFFFFFFL;
            int guard = 0;
            while (ifd > 0 && ifd + 2 <= b.length && guard++ < 8) {
                int n = bb.getShort((int) ifd) & 0xFFFF;
                out.add((int) ifd);
                for (int e = 0; e < n && ifd + 2 + 12L * e + 12 <= b.length; e++) {
                    int at = (int) ifd + 2 + 12 * e;
                    out.add(at + 2); // type
                    out.add(at + 4); // count
                    out.add(at + 8); // value or offset
                }
                long next = ifd + 2 + 12L * n;
                ifd = next + 4 <= b.length ? bb.getInt((int) next) & 0xFFFFFFFFL : 0;
            }
        } else if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'H' && b[2] == 'D' && b[3] == 'F') {
            for (int i = 8; i < Math.min(b.length, 100); i += 1) {
                out.add(i);
            }
            String s = new String(b, StandardCharsets.ISO_8859_1);
            for (String sig : HDF5_SIGNATURES) {
                for (int p = s.indexOf(sig); p >= 0 && out.size() < 4000; p = s.indexOf(sig, p + 4)) {
                    for (int d = 4; d < 48; d += 2) {
                        out.add(p + d);
                    }
                }
            }
        }
        return out;
    }

    private static void putInt(byte[] o, int p, int width, long v, ByteOrder order) {
        for (int i = 0; i < width && p + i < o.length; i++) {
            int shift = order == ByteOrder.LITTLE_ENDIAN ? 8 * i : 8 * (width - 1 - i);
            o[p + i] = (byte) (v >>> shift);
        }
    }

    private byte[] randomBytes(int n) {
        byte[] r = new byte[n];
        for (int i = 0; i < n; i++) {
            r[i] = (byte) rnd.nextInt(256);
        }
        return r;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(b.length + insert.length);
        o.write(b, 0, at);
        o.write(insert, 0, insert.length);
        o.write(b, at + remove, b.length - at - remove);
        return o.toByteArray();
    }

    // ---------------------------------------------------------------- text

    private byte[] mutateText(byte[] b, StringBuilder log) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        int li = rnd.nextInt(lines.size());
        int op = rnd.nextInt(11);
        switch (op) {
            case 0 -> {
                String g = GARBAGE[rnd.nextInt(GARBAGE.length)];
                lines.add(li, g);
                log.append("insert garbage line ").append(li + 1).append(": ").append(abbrev(g)).append('\n');
            }
            case 1 -> {
                log.append("delete line ").append(li + 1).append('\n');
                lines.remove(li);
            }
            case 2 -> {
                log.append("duplicate line ").append(li + 1).append('\n');
                lines.add(li, lines.get(li));
            }
            case 3 -> {
                int lj = rnd.nextInt(lines.size());
                log.append("swap lines ").append(li + 1).append(" and ").append(lj + 1).append('\n');
                String t = lines.get(li);
                lines.set(li, lines.get(lj));
                lines.set(lj, t);
            }
            case 4 -> {
                String[] f = lines.get(li).split("((?<=[,;\\t ])|(?=[,;\\t ]))");
                if (f.length > 1) {
                    int drop = rnd.nextInt(f.length);
                    List<String> keep = new ArrayList<>(Arrays.asList(f));
                    keep.remove(drop);
                    lines.set(li, String.join("", keep));
                }
                log.append("drop a field of line ").append(li + 1).append('\n');
            }
            case 5, 6, 7 -> {
                // replace one number-looking token (anywhere in the file) by a hostile value
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?").matcher(s);
                List<int[]> spans = new ArrayList<>();
                while (m.find() && spans.size() < 20_000) {
                    spans.add(new int[] {m.start(), m.end()});
                }
                if (!spans.isEmpty()) {
                    int[] sp = spans.get(rnd.nextInt(spans.size()));
                    String v = NUMBERS[rnd.nextInt(NUMBERS.length)];
                    log.append("number at ").append(sp[0]).append(" '").append(s, sp[0], sp[1]).append("' -> '")
                            .append(v).append("'\n");
                    return (s.substring(0, sp[0]) + v + s.substring(sp[1])).getBytes(StandardCharsets.ISO_8859_1);
                }
                log.append("no number to replace\n");
            }
            case 8 -> {
                int p = rnd.nextInt(b.length + 1);
                byte[] bad = rnd.nextBoolean() ? new byte[] {(byte) 0xFF, (byte) 0xFE} : new byte[] {(byte) 0xC3, 0};
                log.append("insert non-UTF-8/NUL bytes at ").append(p).append('\n');
                return splice(b, p, 0, bad);
            }
            case 9 -> {
                int p = rnd.nextInt(b.length + 1);
                log.append("truncate text at ").append(p).append(" of ").append(b.length).append('\n');
                return Arrays.copyOf(b, p);
            }
            default -> {
                String line = lines.get(li);
                String sep = line.contains(",") ? "," : line.contains(":") ? ":" : " ";
                String other = new String[] {";", "\t", "", ",,", " "}[rnd.nextInt(5)];
                lines.set(li, line.replace(sep, other));
                log.append("separator '").append(sep).append("' -> '").append(other).append("' in line ")
                        .append(li + 1).append('\n');
            }
        }
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String abbrev(String s) {
        return s.length() > 40 ? s.substring(0, 20) + "…(" + s.length() + " chars)" : s;
    }
}
