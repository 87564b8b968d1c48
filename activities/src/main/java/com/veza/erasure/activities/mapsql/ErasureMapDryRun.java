package com.veza.erasure.activities.mapsql;

import com.veza.erasure.activities.erasuremap.TableRule;
import com.veza.erasure.activities.erasuremap.ValidatedErasureMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * What each rule of the map would touch for one user, counts only, read-only: for a privacy
 * engineer trying a map on a live database before any erasure runs with it.
 */
public final class ErasureMapDryRun {

  /**
   * One rule's counts.
   *
   * @param action what the rule does
   * @param reached rows linked to the user
   * @param changed rows erasure would change: all reached rows for a delete rule (when the request
   *     keeps nothing), the rows still differing from their anonymized values for an anonymize rule
   * @param kept rows the keep rule keeps when the request keeps public content; null without one
   */
  public record RuleCounts(TableRule.Action action, long reached, long changed, Long kept) {}

  private final Jdbi jdbi;
  private final ValidatedErasureMap map;

  public ErasureMapDryRun(Jdbi jdbi, ValidatedErasureMap map) {
    this.jdbi = jdbi;
    this.map = map;
  }

  /** Counts per rule name, in the map's order; reads only. */
  public Map<String, RuleCounts> countsFor(UUID user) {
    return jdbi.inTransaction(
        TransactionIsolationLevel.REPEATABLE_READ,
        h -> {
          h.execute("SET TRANSACTION READ ONLY");
          Map<String, RuleCounts> counts = new LinkedHashMap<>();
          for (ValidatedErasureMap.NamedRule named : map.rules()) {
            TableRule rule = named.rule();
            long reached = Statements.count(h, RuleSql.countReached(rule, user));
            long changed =
                rule.action() == TableRule.Action.ANONYMIZE
                    ? Statements.count(h, RuleSql.countToAnonymize(rule, user))
                    : reached;
            Long kept =
                rule.keep() == null ? null : Statements.count(h, RuleSql.countKept(rule, user));
            counts.put(named.name(), new RuleCounts(rule.action(), reached, changed, kept));
          }
          return Collections.unmodifiableMap(counts);
        });
  }

  /** The map the counts are for, named by its SHA-256. */
  public String mapSha256() {
    return map.sha256();
  }
}
