package com.veza.erasure.activities.erasuremap;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One PostgreSQL table of the erasure map: how its rows reach the user, and what erasure does to
 * them.
 *
 * @param table the table
 * @param userColumn the column equal to the user's id; or null with {@code via}
 * @param via the parent table the rows reach the user through; or null with {@code userColumn}
 * @param action delete the rows, or anonymize the columns of {@code anonymize}
 * @param snapshot the rows' ids go into the content snapshot before anything changes (their search
 *     documents are found from it)
 * @param snapshotKind the snapshot's name for these ids; the table's name when absent
 * @param keep rows kept (anonymized instead of deleted) when the request keeps public content
 * @param anonymize column to replacement, for {@code action: anonymize}
 */
public record TableRule(
    String table,
    String userColumn,
    Via via,
    Action action,
    boolean snapshot,
    String snapshotKind,
    KeepRule keep,
    Map<String, Replacement> anonymize) {

  public TableRule {
    anonymize =
        anonymize == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(anonymize));
  }

  /** The column of this table that links a row to the user, directly or through the parent. */
  public String linkColumn() {
    return via == null ? userColumn : via.column();
  }

  /** The snapshot's kind for this rule's ids. */
  public String effectiveSnapshotKind() {
    return snapshotKind == null ? table : snapshotKind;
  }

  /** What erasure does to the rows it reaches. */
  public enum Action {
    @JsonProperty("delete")
    DELETE,
    @JsonProperty("anonymize")
    ANONYMIZE
  }

  /**
   * Rows reached through a parent table: {@code table.column = parent.parentColumn} and {@code
   * parent.parentUserColumn = user id}.
   *
   * @param table the parent table
   */
  public record Via(String table, String column, String parentColumn, String parentUserColumn) {}
}
