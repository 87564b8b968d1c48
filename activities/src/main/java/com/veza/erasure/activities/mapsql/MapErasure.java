package com.veza.erasure.activities.mapsql;

import com.veza.erasure.activities.erasuremap.TableRule;
import com.veza.erasure.activities.erasuremap.ValidatedErasureMap;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The PostgreSQL erasure of one account, rule by rule in the map's order, all or nothing: one
 * transaction that first locks the subject's row.
 *
 * <p>Counts per rule, under the rule's name: {@code name} for an anonymize rule, {@code
 * name_deleted} for a delete rule and {@code name_kept_public} for its kept rows (0 when the
 * request does not keep them).
 */
public final class MapErasure {
  private final Jdbi jdbi;
  private final ValidatedErasureMap map;

  public MapErasure(Jdbi jdbi, ValidatedErasureMap map) {
    this.jdbi = jdbi;
    this.map = map;
  }

  /**
   * Erases the user's rows by every rule.
   *
   * @return rows changed per rule (all zero on a repeat), or empty when the user does not exist
   */
  public Optional<Map<String, Long>> erase(UUID userId, boolean keepRows, Instant now) {
    return jdbi.inTransaction(h -> erase(h, userId, keepRows, now));
  }

  private Optional<Map<String, Long>> erase(Handle h, UUID userId, boolean keepRows, Instant now) {
    if (!Statements.exists(h, RuleSql.lockSubject(map.subject(), userId))) {
      return Optional.empty();
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    for (ValidatedErasureMap.NamedRule named : map.rules()) {
      TableRule rule = named.rule();
      if (rule.action() == TableRule.Action.ANONYMIZE) {
        counts.put(
            named.name(), (long) Statements.execute(h, RuleSql.anonymize(rule, userId, now)));
        continue;
      }
      if (rule.keep() != null) {
        long kept = keepRows ? Statements.execute(h, RuleSql.anonymizeKept(rule, userId, now)) : 0L;
        counts.put(named.name() + "_kept_public", kept);
      }
      counts.put(
          named.name() + "_deleted",
          (long) Statements.execute(h, RuleSql.delete(rule, userId, keepRows)));
    }
    return Optional.of(Collections.unmodifiableMap(counts));
  }
}
