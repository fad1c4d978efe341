package org.lockdemo.results;

/** The rounding the result applies to its decimals (half up, as the JSON has always had it). Stateless. */
public final class Rounding {
    private Rounding() {
    }

    public static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
