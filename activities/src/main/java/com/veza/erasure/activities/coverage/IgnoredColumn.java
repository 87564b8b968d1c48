package com.veza.erasure.activities.coverage;

import java.util.Objects;

/**
 * A column the erasure map leaves on purpose, e.g. kept by law; the reason is what an auditor
 * reads.
 *
 * @param table as in {@link ColumnRef#table()}
 * @param column null: every column of the table
 */
public record IgnoredColumn(String table, String column, String reason) {
  public IgnoredColumn {
    Objects.requireNonNull(table, "table");
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException(
          "an ignored column needs a reason: " + table + "." + column);
    }
  }
}
