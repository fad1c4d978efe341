package org.lockdemo.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file people write by hand as UTF-8, strictly: bytes that are not UTF-8 are refused with
 * the place (line, column, byte offset), not replaced and not reported as a bare
 * {@code MalformedInputException}. Stateless; thread-safe.
 */
public final class Utf8File {

    private Utf8File() {
    }

    /** Thrown when the file's bytes are not UTF-8; the message says where, in one line. */
    public static final class NotUtf8 extends CharacterCodingException {
        private static final long serialVersionUID = 1L;
        private final String where;

        NotUtf8(String where) {
            this.where = where;
        }

        @Override
        public String getMessage() {
            return where;
        }
    }

    /**
     * The file's text.
     *
     * @throws NotUtf8 naming the line, column and byte of the first byte that is not UTF-8
     * @throws IOException when it cannot be read at all
     */
    public static String read(Path file) throws IOException {
        return decode(Files.readAllBytes(file));
    }

    /** The text of {@code bytes}, or {@link NotUtf8} naming where they stop being UTF-8. */
    public static String decode(byte[] bytes) throws NotUtf8 {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            int column = 1;
            out.flip();
            for (int i = 0; i < out.length(); i++) {
                if (out.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            throw new NotUtf8(String.format("not UTF-8 at line %d, column %d (byte %d: 0x%02x)", line, column, at,
                    bytes[at] & 0xff));
        }
        out.flip();
        return out.toString();
    }
}
