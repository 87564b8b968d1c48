package com.veza.erasure.bench;

import java.util.Arrays;
import java.util.Locale;

/** Durations in nanoseconds: median and percentiles, formatted for the tables. */
final class Samples {

  private final long[] nanos;

  Samples(long[] nanos) {
    this.nanos = nanos.clone();
    Arrays.sort(this.nanos);
  }

  /** Nearest-rank percentile, {@code p} in (0, 100]. */
  long percentile(double p) {
    int rank = (int) Math.ceil(p / 100.0 * nanos.length);
    return nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))];
  }

  long median() {
    return percentile(50);
  }

  static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  static String ratio(double value) {
    return String.format(Locale.ROOT, "%.1f×", value);
  }
}
