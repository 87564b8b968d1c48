package com.veza.erasure.activities.coverage;

import com.veza.erasure.common.ErasureErrors;

/**
 * Stops an erasure that would leave user data the map does not cover: the deletion parks in
 * NEEDS_ATTENTION with {@code COVERAGE_GAP} before anything is changed, and the operator's retry
 * runs the check again.
 */
public final class CoverageGate {
  private final CoverageCheck check;

  public CoverageGate(CoverageCheck check) {
    this.check = check;
  }

  /**
   * Runs the check now and throws when it finds a gap.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable {@code COVERAGE_GAP}, naming the
   *     gaps (table and column names, never values)
   */
  public void requireNoGaps() {
    CoverageReport report = check.run();
    if (report.hasGaps()) {
      throw ErasureErrors.COVERAGE_GAP.failure(
          report.summary()
              + ". Add a rule or an ignore entry to the erasure map (or drop the table), then"
              + " retry the deletion.");
    }
  }
}
