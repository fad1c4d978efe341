package org.lockdemo.results;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * An HdrHistogram of nanoseconds in its compressed, base64 form: exact, and what the file holds,
 * so a file reads back byte for byte. Immutable.
 */
public record EncodedHistogram(String base64) {
    public static final String ENCODING = "HdrHistogram compressed, base64, values in ns";

    public static EncodedHistogram of(Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int len = h.encodeIntoCompressedByteBuffer(buf);
        byte[] bytes = new byte[len];
        buf.flip();
        buf.get(bytes);
        return new EncodedHistogram(Base64.getEncoder().encodeToString(bytes));
    }

    /**
     * A new histogram each call.
     *
     * @throws IllegalArgumentException if the text is not a base64 compressed HdrHistogram, with the
     *                                  decoder's reason as message
     */
    public Histogram decode() {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (RuntimeException e) { // untrusted bytes: the decoder throws several kinds
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
