package com.veza.erasure.activities.coverage;

import java.util.Comparator;

/**
 * Something that holds user data and that no rule covers or ignores. Names only, never a value.
 *
 * @param store where it is
 * @param table the table (qualified when not in the first configured schema), or the index
 * @param column the column, or the field path
 * @param why e.g. {@code foreign key to users(id)} or {@code name matches *_user_id}
 */
public record CoverageGap(Store store, String table, String column, String why)
    implements Comparable<CoverageGap> {

  public enum Store {
    POSTGRESQL,
    ELASTICSEARCH
  }

  private static final Comparator<CoverageGap> ORDER =
      Comparator.comparing(CoverageGap::store)
          .thenComparing(CoverageGap::table)
          .thenComparing(CoverageGap::column);

  /** {@code table.column}, or {@code elasticsearch:index.field}. */
  public String name() {
    String name = table + "." + column;
    return store == Store.POSTGRESQL ? name : "elasticsearch:" + name;
  }

  @Override
  public int compareTo(CoverageGap other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return name() + " (" + why + ")";
  }
}
