package com.veza.erasure.activities.coverage;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of one coverage check.
 *
 * @param gaps sorted
 * @param unchecked stores that could not be read this time (e.g. {@code elasticsearch unreachable:
 *     ConnectException}): their gaps, if any, are unknown
 */
public record CoverageReport(List<CoverageGap> gaps, List<String> unchecked) {
  public CoverageReport {
    gaps = gaps.stream().sorted().toList();
    unchecked = List.copyOf(unchecked);
  }

  public boolean hasGaps() {
    return !gaps.isEmpty();
  }

  /** One line for a health check or a failure: the gaps, then what was not checked. */
  public String summary() {
    StringBuilder summary = new StringBuilder();
    if (gaps.isEmpty()) {
      summary.append("no coverage gaps");
    } else {
      summary
          .append(gaps.size())
          .append(gaps.size() == 1 ? " coverage gap: " : " coverage gaps: ")
          .append(gaps.stream().map(CoverageGap::toString).collect(Collectors.joining(", ")));
    }
    if (!unchecked.isEmpty()) {
      summary.append("; not checked: ").append(String.join(", ", unchecked));
    }
    return summary.toString();
  }
}
