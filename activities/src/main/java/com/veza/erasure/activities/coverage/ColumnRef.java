package com.veza.erasure.activities.coverage;

import java.util.Locale;
import java.util.Objects;

/**
 * A column of a platform table, as the erasure map names it: {@code table} is unqualified (then in
 * the first configured schema) or {@code schema.table}. Names compare case-insensitively, as
 * PostgreSQL folds unquoted identifiers to lower case.
 */
public record ColumnRef(String table, String column) {
  public ColumnRef {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(column, "column");
    table = table.toLowerCase(Locale.ROOT);
    column = column.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return table + "." + column;
  }
}
