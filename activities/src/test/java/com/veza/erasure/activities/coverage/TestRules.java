package com.veza.erasure.activities.coverage;

import com.veza.erasure.activities.erasuremap.ErasureMaps;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The reference rules plus what a test adds, as the erasure map would declare it. */
record TestRules(
    Set<ColumnRef> covered,
    List<IgnoredColumn> ignored,
    List<String> patterns,
    Set<String> searchIndices)
    implements CoverageRules {

  static TestRules reference(Set<String> searchIndices) {
    MapCoverageRules reference = new MapCoverageRules(ErasureMaps.reference(), searchIndices);
    return new TestRules(
        reference.covered(), reference.ignored(), reference.patterns(), searchIndices);
  }

  TestRules covering(String table, String column) {
    Set<ColumnRef> more = new HashSet<>(covered);
    more.add(new ColumnRef(table, column));
    return new TestRules(more, ignored, patterns, searchIndices);
  }

  TestRules ignoring(String table, String column, String reason) {
    List<IgnoredColumn> more = new ArrayList<>(ignored);
    more.add(new IgnoredColumn(table, column, reason));
    return new TestRules(covered, more, patterns, searchIndices);
  }

  @Override
  public ColumnRef subject() {
    return new ColumnRef("users", "id");
  }
}
