package com.veza.erasure.activities.mapsql;

import com.veza.erasure.activities.erasuremap.ValidatedErasureMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Re-reads every table rule after erasure: the rows left per rule, each of which should be zero.
 * One snapshot, so the counts describe one moment.
 */
public final class MapVerification {
  private final Jdbi jdbi;
  private final ValidatedErasureMap map;

  public MapVerification(Jdbi jdbi, ValidatedErasureMap map) {
    this.jdbi = jdbi;
    this.map = map;
  }

  /** Rows left per rule name, in the map's order. */
  public Map<String, Long> rowsLeft(UUID userId, boolean keepRows) {
    return jdbi.inTransaction(
        TransactionIsolationLevel.REPEATABLE_READ,
        h -> {
          Map<String, Long> left = new LinkedHashMap<>();
          for (ValidatedErasureMap.NamedRule named : map.rules()) {
            left.put(
                named.name(),
                Statements.count(h, RuleSql.countLeft(named.rule(), userId, keepRows)));
          }
          return Collections.unmodifiableMap(left);
        });
  }
}
