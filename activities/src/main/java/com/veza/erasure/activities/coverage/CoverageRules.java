package com.veza.erasure.activities.coverage;

import java.util.List;
import java.util.Set;

/**
 * What the coverage check needs from the erasure map: which columns and indices its rules reach,
 * which it leaves on purpose, and which column names mean "user data".
 */
public interface CoverageRules {

  /** The account table and its key ({@code users.id}): every foreign key to it is user data. */
  ColumnRef subject();

  /**
   * Columns a rule erases: a table rule's user column (or the parent column of a rule reached
   * through a parent), and every column a rule anonymizes.
   */
  Set<ColumnRef> covered();

  /** Columns left on purpose, each with its reason. */
  List<IgnoredColumn> ignored();

  /**
   * Column and field names that hold user data, glob {@code *} ({@link NamePatterns#DEFAULTS}
   * unless the map says otherwise).
   */
  List<String> patterns();

  /** Elasticsearch indices (or aliases) a rule handles: their documents are erased whole. */
  Set<String> searchIndices();
}
