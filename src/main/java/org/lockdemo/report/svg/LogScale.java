package org.lockdemo.report.svg;

/** Maps a positive value range onto a pixel range by its base-10 logarithm. Immutable. */
public record LogScale(double domainMin, double domainMax, double rangeMin, double rangeMax) {
    public LogScale {
        if (!(domainMin > 0) || !(domainMax > domainMin)) {
            throw new IllegalArgumentException("a log scale needs 0 < min < max, got " + domainMin + ".." + domainMax);
        }
    }

    public double apply(double v) {
        double t = (Math.log10(v) - Math.log10(domainMin)) / (Math.log10(domainMax) - Math.log10(domainMin));
        return rangeMin + t * (rangeMax - rangeMin);
    }
}
