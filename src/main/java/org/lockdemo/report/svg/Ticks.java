package org.lockdemo.report.svg;

import java.util.ArrayList;
import java.util.List;

/** Round axis bounds and evenly spaced tick values, so axes read 0, 50, 100, not 0, 47.3, 94.6. Stateless. */
public final class Ticks {
    private static final double[] STEPS = {1, 2, 2.5, 5, 10};

    private Ticks() {
    }

    /**
     * The smallest "nice" step (1, 2, 2.5 or 5 times a power of ten) such that {@code intervals}
     * steps reach at least {@code max}; 1 for a max of zero or less.
     */
    public static double step(double max, int intervals) {
        if (!(max > 0)) {
            return 1;
        }
        double raw = max / intervals;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double s : STEPS) {
            if (s * magnitude >= raw * (1 - 1e-9)) {
                return s * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** 0, step, 2 step, ... up to {@code intervals} steps: the axis' ticks, the last one its top. */
    public static List<Double> upTo(double max, int intervals) {
        double step = step(max, intervals);
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; i <= intervals; i++) {
            ticks.add(i * step);
            if (i > 0 && i * step >= max * (1 - 1e-9)) {
                break;
            }
        }
        return ticks;
    }

    /** Decimals needed to print multiples of {@code step} exactly (0.25 needs 2, 5 needs 0). */
    public static int decimals(double step) {
        for (int d = 0; d < 6; d++) {
            double scaled = step * Math.pow(10, d);
            if (Math.abs(scaled - Math.rint(scaled)) < 1e-9 * Math.max(1, scaled)) {
                return d;
            }
        }
        return 6;
    }
}
