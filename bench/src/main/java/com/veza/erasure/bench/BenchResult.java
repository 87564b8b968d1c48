package com.veza.erasure.bench;

import java.util.List;

/**
 * One benchmark's outcome: a table whose first row is the baseline, and what the ratios mean.
 *
 * @param title the section heading in docs/benchmarks.md
 * @param setup what was measured, on what data
 * @param header the table's column names
 * @param rows the table, baseline first
 * @param conclusion one or two sentences stating the ratios
 */
record BenchResult(
    String title, String setup, List<String> header, List<List<String>> rows, String conclusion) {

  String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| ").append(String.join(" | ", header)).append(" |\n");
    out.append("|").append(" --- |".repeat(header.size())).append('\n');
    for (List<String> row : rows) {
      out.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    return out.toString();
  }
}
