package org.permasar.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.permasar.stack.InvalidInputException;

/**
 * Text inputs (headers, tables, series, JSON) read as strict UTF-8, so that a binary or damaged
 * file is refused with an {@link InvalidInputException} naming the file and the byte offset,
 * instead of a bare {@link java.nio.charset.MalformedInputException} ("Input length = 1").
 */
public final class TextFiles {
    private TextFiles() {
    }

    /**
     * The whole file as a string.
     *
     * @throws InvalidInputException when the bytes are not valid UTF-8
     */
    public static String read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b);
        CharBuffer out = CharBuffer.allocate(b.length);
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) {
            throw new InvalidInputException(file, "not a text file (not valid UTF-8 at byte " + in.position()
                    + "; binary or damaged?)");
        }
        try {
            r = dec.flush(out);
            if (r.isError()) {
                r.throwException();
            }
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file, "not a text file (not valid UTF-8 at its end; binary or damaged?)");
        }
        return out.flip().toString();
    }

    /** The file's lines (split at \n, \r\n or \r), as {@link Files#readAllLines(Path)} gives them. */
    public static List<String> lines(Path file) throws IOException {
        return read(file).lines().toList();
    }

    /** A reader over the file's text, already checked to be UTF-8. */
    public static BufferedReader reader(Path file) throws IOException {
        return new BufferedReader(new StringReader(read(file)));
    }
}
