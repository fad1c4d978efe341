package org.lockdemo.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScalesTest {
    @Test
    void linearMapsEndsToEndsAndCanRunUpwards() {
        LinearScale y = new LinearScale(0, 200, 138, 20); // pixels grow downwards, values upwards
        assertEquals(138, y.apply(0), 1e-9);
        assertEquals(20, y.apply(200), 1e-9);
        assertEquals(79, y.apply(100), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new LinearScale(1, 1, 0, 10));
    }

    @Test
    void logSpacesDecadesEvenly() {
        LogScale x = new LogScale(1, 1000, 40, 340);
        assertEquals(40, x.apply(1), 1e-9);
        assertEquals(140, x.apply(10), 1e-9);
        assertEquals(240, x.apply(100), 1e-9);
        assertEquals(340, x.apply(1000), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new LogScale(0, 10, 0, 1));
    }
}
