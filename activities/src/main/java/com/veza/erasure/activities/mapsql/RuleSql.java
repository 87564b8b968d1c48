package com.veza.erasure.activities.mapsql;

import static com.veza.erasure.activities.erasuremap.Identifiers.quote;

import com.veza.erasure.activities.erasuremap.ErasureMap;
import com.veza.erasure.activities.erasuremap.KeepRule;
import com.veza.erasure.activities.erasuremap.Replacement;
import com.veza.erasure.activities.erasuremap.TableRule;
import com.veza.erasure.activities.erasuremap.Templates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the SQL of one table rule. Identifiers are quoted by {@link
 * com.veza.erasure.activities.erasuremap.Identifiers#quote}, which refuses anything but a plain
 * identifier; every value (the user id, constants, rendered templates, the keep value, the time) is
 * a named parameter. Every write only matches rows still to change, so a repeat changes nothing and
 * counts zero.
 */
public final class RuleSql {
  private final TableRule rule;
  private final UUID userId;
  private final Map<String, Object> binds = new LinkedHashMap<>();

  private RuleSql(TableRule rule, UUID userId) {
    this.rule = rule;
    this.userId = userId;
    binds.put("userId", userId);
  }

  /** Locks the subject's row: a concurrent restore and erasure of one account run in turn. */
  public static BoundSql lockSubject(ErasureMap.Subject subject, UUID userId) {
    return new BoundSql(
        "SELECT 1 FROM "
            + quote(subject.table())
            + " WHERE "
            + quote(subject.id())
            + " = :userId FOR UPDATE",
        Map.of("userId", userId));
  }

  /** {@code action: anonymize}: sets the columns of rows still differing from their values. */
  public static BoundSql anonymize(TableRule rule, UUID userId, Instant now) {
    RuleSql b = new RuleSql(rule, userId);
    return b.update(rule.anonymize(), null, now);
  }

  /** The keep rule's anonymization of the kept rows, before the others are deleted. */
  public static BoundSql anonymizeKept(TableRule rule, UUID userId, Instant now) {
    RuleSql b = new RuleSql(rule, userId);
    return b.update(rule.keep().anonymize(), b.kept(), now);
  }

  /**
   * {@code action: delete}: the reached rows, but for those the keep rule keeps when {@code
   * keepRows}.
   */
  public static BoundSql delete(TableRule rule, UUID userId, boolean keepRows) {
    RuleSql b = new RuleSql(rule, userId);
    String where = b.reach() + (keepRows && rule.keep() != null ? " AND NOT " + b.kept() : "");
    return b.done("DELETE FROM " + quote(rule.table()) + " WHERE " + where);
  }

  /**
   * Rows that erasure should have removed or changed but did not: for a delete rule, reached rows
   * not kept (a kept row still differing from its anonymized values counts); for an anonymize rule,
   * reached rows still differing.
   */
  public static BoundSql countLeft(TableRule rule, UUID userId, boolean keepRows) {
    RuleSql b = new RuleSql(rule, userId);
    String where;
    if (rule.action() == TableRule.Action.ANONYMIZE) {
      where = b.reach() + " AND " + b.differs(rule.anonymize());
    } else if (keepRows && rule.keep() != null) {
      where =
          b.reach()
              + " AND NOT ("
              + b.kept()
              + " AND NOT "
              + b.differs(rule.keep().anonymize())
              + ")";
    } else {
      where = b.reach();
    }
    return b.count(where);
  }

  /** Every row the rule reaches. */
  public static BoundSql countReached(TableRule rule, UUID userId) {
    RuleSql b = new RuleSql(rule, userId);
    return b.count(b.reach());
  }

  /** Reached rows the keep rule would keep; the rule must have one. */
  public static BoundSql countKept(TableRule rule, UUID userId) {
    RuleSql b = new RuleSql(rule, userId);
    return b.count(b.reach() + " AND " + b.kept());
  }

  /** Reached rows an anonymize rule would change. */
  public static BoundSql countToAnonymize(TableRule rule, UUID userId) {
    RuleSql b = new RuleSql(rule, userId);
    return b.count(b.reach() + " AND " + b.differs(rule.anonymize()));
  }

  /**
   * Adds the reached rows' ids to the content snapshot of ledger row {@code deletionId}, with
   * whether the keep rule keeps them; only adds (or updates that flag), so a late retry keeps every
   * id an earlier attempt wrote.
   */
  public static BoundSql snapshot(TableRule rule, UUID userId, long deletionId) {
    RuleSql b = new RuleSql(rule, userId);
    b.binds.put("deletionId", deletionId);
    b.binds.put("kind", rule.effectiveSnapshotKind());
    String kept = rule.keep() == null ? "false" : b.kept();
    return b.done(
        "INSERT INTO deletion_content_snapshot (deletion_id, kind, content_id, is_public)"
            + " SELECT :deletionId, :kind, \"id\", "
            + kept
            + " FROM "
            + quote(rule.table())
            + " WHERE "
            + b.reach()
            + " ON CONFLICT (deletion_id, kind, content_id)"
            + " DO UPDATE SET is_public = EXCLUDED.is_public"
            + " WHERE deletion_content_snapshot.is_public IS DISTINCT FROM EXCLUDED.is_public");
  }

  private BoundSql update(Map<String, Replacement> columns, String alsoWhere, Instant now) {
    List<String> sets = new ArrayList<>();
    for (Map.Entry<String, Replacement> e : columns.entrySet()) {
      String column = quote(e.getKey());
      Replacement r = e.getValue();
      String value;
      if (r.setNull() != null) {
        value = "NULL";
      } else if (r.now() == Replacement.Now.IF_NULL) {
        value = "COALESCE(" + column + ", :now)";
        binds.put("now", now);
      } else if (r.now() == Replacement.Now.ALWAYS) {
        value = ":now";
        binds.put("now", now);
      } else {
        value = bind(valueOf(r));
      }
      sets.add(column + " = " + value);
    }
    String where = reach() + (alsoWhere == null ? "" : " AND " + alsoWhere);
    return done(
        "UPDATE "
            + quote(rule.table())
            + " SET "
            + String.join(", ", sets)
            + " WHERE "
            + where
            + " AND "
            + differs(columns));
  }

  /** True while a row differs from its anonymized values in a checked column. */
  private String differs(Map<String, Replacement> columns) {
    List<String> terms = new ArrayList<>();
    for (Map.Entry<String, Replacement> e : columns.entrySet()) {
      String column = quote(e.getKey());
      Replacement r = e.getValue();
      if (!r.isChecked()) {
        continue;
      }
      if (r.setNull() != null) {
        terms.add(column + " IS NOT NULL");
      } else if (r.now() == Replacement.Now.IF_NULL) {
        terms.add(column + " IS NULL");
      } else {
        terms.add(column + " IS DISTINCT FROM " + bind(valueOf(r)));
      }
    }
    return "(" + String.join(" OR ", terms) + ")";
  }

  private Object valueOf(Replacement r) {
    return r.template() != null ? Templates.render(r.template(), userId) : r.constant();
  }

  /** The rows that reach the user: by their own column, or through the parent's. */
  private String reach() {
    if (rule.via() == null) {
      return quote(rule.userColumn()) + " = :userId";
    }
    TableRule.Via via = rule.via();
    return quote(via.column())
        + " IN (SELECT "
        + quote(via.parentColumn())
        + " FROM "
        + quote(via.table())
        + " WHERE "
        + quote(via.parentUserColumn())
        + " = :userId)";
  }

  /** The keep rule's condition; NULL never equals the value, so the result is never NULL. */
  private String kept() {
    KeepRule keep = rule.keep();
    StringBuilder sql =
        new StringBuilder("(")
            .append(quote(keep.column()))
            .append(" IS NOT DISTINCT FROM ")
            .append(bind(keep.equals()));
    for (String column : keep.whereNull()) {
      sql.append(" AND ").append(quote(column)).append(" IS NULL");
    }
    return sql.append(')').toString();
  }

  private String bind(Object value) {
    String name = "v" + binds.size();
    binds.put(name, value);
    return ":" + name;
  }

  private BoundSql count(String where) {
    return done("SELECT count(*) FROM " + quote(rule.table()) + " WHERE " + where);
  }

  private BoundSql done(String sql) {
    return new BoundSql(sql, binds);
  }
}
