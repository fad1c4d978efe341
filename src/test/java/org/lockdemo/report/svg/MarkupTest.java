package org.lockdemo.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MarkupTest {
    private Locale saved;

    @BeforeEach
    void germanLocale() {
        saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY); // a decimal comma would break SVG coordinates
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(saved);
    }

    @Test
    void escapesEverythingThatEndsTextOrAnAttribute() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;",
                Markup.escape("<script>alert(\"x\")</script> & 'y'"));
        assertEquals("", Markup.escape(null));
        assertEquals("found_after_conflict …", Markup.escape("found_after_conflict …"));
    }

    @Test
    void coordinatesUseADotWhateverTheLocale() {
        assertEquals("1234.5", Markup.coord(1234.54));
        assertEquals("0.0", Markup.coord(-0.0));
        assertEquals("-3.3", Markup.coord(-3.25001));
        assertThrows(IllegalArgumentException.class, () -> Markup.coord(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Markup.coord(Double.POSITIVE_INFINITY));
    }

    @Test
    void numbersDropTrailingZeros() {
        assertEquals("12.5", Markup.number(12.50, 2));
        assertEquals("12", Markup.number(12.001, 2));
        assertEquals("1000", Markup.number(1000, 0));
        assertEquals("99.99", Markup.number(99.99, 4));
        assertEquals("0", Markup.number(-0.001, 2));
    }
}
