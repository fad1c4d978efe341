package org.lockdemo.report.svg;

/** Maps a value range linearly onto a pixel range (either direction). Immutable. */
public record LinearScale(double domainMin, double domainMax, double rangeMin, double rangeMax) {
    public LinearScale {
        if (!(domainMax > domainMin)) {
            throw new IllegalArgumentException("empty domain " + domainMin + ".." + domainMax);
        }
    }

    public double apply(double v) {
        return rangeMin + (v - domainMin) / (domainMax - domainMin) * (rangeMax - rangeMin);
    }
}
