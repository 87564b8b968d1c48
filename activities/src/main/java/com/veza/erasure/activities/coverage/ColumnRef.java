package com.veza.erasure.activities.coverage;

import java.util.Objects;

/**
 * A column of a platform table, as the erasure map names it: {@code table} is unqualified (then in
 * the first configured schema) or {@code schema.table}. Names are compared exactly, as the catalog
 * stores them (lower case unless created quoted), the way the erasure quotes them.
 */
public record ColumnRef(String table, String column) {
  public ColumnRef {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(column, "column");
  }

  @Override
  public String toString() {
    return table + "." + column;
  }
}
