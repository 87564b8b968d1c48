package com.veza.erasure.activities.mapsql;

import com.veza.erasure.activities.erasuremap.ValidatedErasureMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Writes the ids of every {@code snapshot: true} rule into the content snapshot of a deletion
 * (docs/design.md#content-snapshot), set-based: no id passes through the worker's heap.
 */
public final class MapSnapshot {
  private final ValidatedErasureMap map;

  public MapSnapshot(ValidatedErasureMap map) {
    this.map = map;
  }

  /** Adds what the user owns now, in the caller's transaction. */
  public void write(Handle h, long deletionId, UUID userId) {
    for (ValidatedErasureMap.NamedRule named : map.rules()) {
      if (named.rule().snapshot()) {
        Statements.execute(h, RuleSql.snapshot(named.rule(), userId, deletionId));
      }
    }
  }
}
