package org.lockdemo.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8FileTest {

    @Test
    void utf8IsReadAsItIs() throws Exception {
        assertEquals("{\"lesson\": \"T1 ── waits\"}\n", Utf8File.decode("{\"lesson\": \"T1 ── waits\"}\n"
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theFirstByteThatIsNotUtf8IsNamedByLineColumnAndOffset() {
        // line 2 is '  "name": "', then a valid two-byte ü, then 0xff
        byte[] h = "{\n  \"name\": \"".getBytes(StandardCharsets.UTF_8);
        byte[] u = "ü".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[h.length + u.length + 1];
        System.arraycopy(h, 0, bytes, 0, h.length);
        System.arraycopy(u, 0, bytes, h.length, u.length);
        bytes[bytes.length - 1] = (byte) 0xff;
        Utf8File.NotUtf8 e = assertThrows(Utf8File.NotUtf8.class, () -> Utf8File.decode(bytes));
        assertEquals("not UTF-8 at line 2, column 13 (byte 15: 0xff)", e.getMessage());
    }

    @Test
    void aTruncatedSequenceAtTheEndIsRefusedToo() {
        byte[] bytes = {'a', (byte) 0xe2, (byte) 0x82};
        assertEquals("not UTF-8 at line 1, column 2 (byte 1: 0xe2)",
                assertThrows(Utf8File.NotUtf8.class, () -> Utf8File.decode(bytes)).getMessage());
    }
}
