package com.veza.erasure.activities.erasuremap;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Checks an erasure map against the database before anything is built from it: every identifier is
 * a plain SQL identifier, every table and column named exists, a rule reached through a parent has
 * the foreign key it claims, and no replacement could break a constraint. Every problem is
 * reported, each prefixed with the rule it is in, e.g. {@code postgres.tables[3] (comments): column
 * "body2" does not exist}.
 *
 * <p>Redis, Elasticsearch and the coverage patterns are checked by {@link StoreRulesValidator}.
 */
public final class ErasureMapValidator {

  private final SchemaCatalog schema;
  private final List<String> problems = new ArrayList<>();

  private ErasureMapValidator(SchemaCatalog schema) {
    this.schema = schema;
  }

  /**
   * Checks the map against the database of {@code jdbi}.
   *
   * @throws ErasureMapException listing every problem, one per line
   */
  public static ValidatedErasureMap validate(LoadedErasureMap loaded, Jdbi jdbi) {
    return validate(loaded, SchemaCatalog.read(jdbi));
  }

  public static ValidatedErasureMap validate(LoadedErasureMap loaded, SchemaCatalog schema) {
    ErasureMapValidator validator = new ErasureMapValidator(schema);
    validator.check(loaded.map());
    if (!validator.problems.isEmpty()) {
      throw new ErasureMapException(
          "erasure map "
              + loaded.source()
              + " is invalid:\n  "
              + String.join("\n  ", validator.problems));
    }
    return new ValidatedErasureMap(loaded);
  }

  private void check(ErasureMap map) {
    if (map.version() != 1) {
      problems.add("version: must be 1, is " + map.version());
    }
    checkSubject(map.subject());
    if (map.tables().isEmpty()) {
      problems.add("postgres.tables: at least one table rule is needed");
    }
    Set<String> ruleKeys = new HashSet<>();
    Set<String> kinds = new HashSet<>();
    for (int i = 0; i < map.tables().size(); i++) {
      TableRule rule = map.tables().get(i);
      if (rule == null) {
        problems.add("postgres.tables[" + i + "]: empty rule");
        continue;
      }
      String where = "postgres.tables[" + i + "] (" + rule.table() + ")";
      int before = problems.size();
      checkRule(where, rule);
      if (problems.size() == before) {
        if (!ruleKeys.add(rule.table() + "." + rule.linkColumn())) {
          problems.add(where + ": a second rule for the same table and column");
        }
        if (rule.snapshot() && !kinds.add(rule.effectiveSnapshotKind())) {
          problems.add(
              where + ": snapshot kind \"" + rule.effectiveSnapshotKind() + "\" is used twice");
        }
      }
    }
    checkDeleteOrder(map.tables());
    for (int i = 0; i < map.ignored().size(); i++) {
      checkIgnored("postgres.ignore[" + i + "]", map.ignored().get(i));
    }
    problems.addAll(StoreRulesValidator.check(map));
  }

  private void checkSubject(ErasureMap.Subject subject) {
    if (subject == null) {
      problems.add("subject: required, e.g. {table: users, id: id}");
      return;
    }
    if (table("subject", subject.table()) && column("subject", subject.table(), subject.id())) {
      SchemaCatalog.Column id = schema.column(subject.table(), subject.id());
      if (!"uuid".equals(id.dataType())) {
        problems.add(
            "subject: column \"" + subject.id() + "\" must be a uuid, is " + id.dataType());
      }
    }
  }

  private void checkRule(String where, TableRule rule) {
    if (!table(where, rule.table())) {
      return;
    }
    if ((rule.userColumn() == null) == (rule.via() == null)) {
      problems.add(where + ": give exactly one of userColumn and via");
    } else if (rule.userColumn() != null) {
      column(where, rule.table(), rule.userColumn());
    } else {
      checkVia(where, rule);
    }
    if (rule.action() == null) {
      problems.add(where + ": action is required (delete or anonymize)");
    } else if (rule.action() == TableRule.Action.DELETE) {
      if (!rule.anonymize().isEmpty()) {
        problems.add(where + ": a delete rule has no anonymize (kept rows: keep.anonymize)");
      }
      if (rule.keep() != null) {
        checkKeep(where + ": keep", rule);
      }
    } else {
      if (rule.keep() != null) {
        problems.add(where + ": keep is for delete rules (an anonymized row is kept anyway)");
      }
      checkReplacements(where + ": anonymize", rule.table(), rule.anonymize());
    }
    if (rule.snapshot()) {
      checkSnapshot(where, rule);
    } else if (rule.snapshotKind() != null) {
      problems.add(where + ": snapshotKind without snapshot: true");
    }
  }

  /**
   * Deleting a parent's rows before a later rule deletes the rows pointing at them fails on the
   * foreign key, and the whole erasure with it: the order must be child first.
   */
  private void checkDeleteOrder(List<TableRule> tables) {
    for (int i = 0; i < tables.size(); i++) {
      for (int j = i + 1; j < tables.size(); j++) {
        TableRule parent = tables.get(i);
        TableRule child = tables.get(j);
        if (isDelete(parent)
            && isDelete(child)
            && schema.hasTable(parent.table())
            && schema.blocksDelete(child.table(), parent.table())) {
          problems.add(
              "postgres.tables["
                  + i
                  + "] ("
                  + parent.table()
                  + "): deleted before postgres.tables["
                  + j
                  + "] ("
                  + child.table()
                  + "), whose foreign key to it has no ON DELETE CASCADE: put "
                  + child.table()
                  + " first");
        }
      }
    }
  }

  private static boolean isDelete(TableRule rule) {
    return rule != null && rule.action() == TableRule.Action.DELETE;
  }

  private void checkVia(String where, TableRule rule) {
    TableRule.Via via = rule.via();
    String at = where + ": via";
    boolean childColumn = column(at, rule.table(), via.column());
    if (!table(at, via.table())) {
      return;
    }
    boolean parentColumn = column(at, via.table(), via.parentColumn());
    boolean parentUserColumn = column(at, via.table(), via.parentUserColumn());
    if (childColumn
        && parentColumn
        && parentUserColumn
        && !schema.hasForeignKey(rule.table(), via.column(), via.table(), via.parentColumn())) {
      problems.add(
          at
              + ": no foreign key from "
              + rule.table()
              + "."
              + via.column()
              + " to "
              + via.table()
              + "."
              + via.parentColumn());
    }
  }

  private void checkKeep(String where, TableRule rule) {
    KeepRule keep = rule.keep();
    column(where, rule.table(), keep.column());
    if (keep.equals() == null) {
      problems.add(
          where + ": equals is required (the value of " + keep.column() + " kept rows have)");
    } else if (!isScalar(keep.equals())) {
      problems.add(where + ": equals must be a text, number or boolean");
    }
    for (String c : keep.whereNull()) {
      column(where + ".whereNull", rule.table(), c);
    }
    checkReplacements(where + ".anonymize", rule.table(), keep.anonymize());
  }

  private void checkReplacements(String where, String table, Map<String, Replacement> columns) {
    if (columns.values().stream().noneMatch(r -> r != null && r.isChecked())) {
      problems.add(where + ": at least one column to anonymize (besides now: always) is needed");
    }
    for (Map.Entry<String, Replacement> e : columns.entrySet()) {
      String column = e.getKey();
      Replacement r = e.getValue();
      String at = where + "." + column;
      if (!column(where, table, column)) {
        continue;
      }
      if (r == null || r.kinds() != 1) {
        problems.add(at + ": give exactly one of null, constant, template and now");
        continue;
      }
      SchemaCatalog.Column c = schema.column(table, column);
      boolean unique = schema.isUnique(table, column);
      if (r.setNull() != null) {
        if (!r.setNull()) {
          problems.add(at + ": null must be true");
        } else if (!c.nullable()) {
          problems.add(at + ": column \"" + column + "\" is NOT NULL, it cannot be set to null");
        }
      } else if (r.constant() != null) {
        if (!isScalar(r.constant())) {
          problems.add(at + ": constant must be a text, number or boolean");
        } else if (unique) {
          problems.add(
              at
                  + ": column \""
                  + column
                  + "\" is UNIQUE: a constant would collide; use a template with {id}");
        }
      } else if (r.template() != null) {
        String unknown = Templates.unknownPlaceholder(r.template());
        if (unknown != null) {
          problems.add(at + ": unknown placeholder " + unknown + " (only {id} and {id_hex})");
        } else if (unique && !Templates.isPerUser(r.template())) {
          problems.add(
              at
                  + ": column \""
                  + column
                  + "\" is UNIQUE: the template must contain {id} (or {id_hex})");
        }
      } else if (!c.dataType().toLowerCase(Locale.ROOT).startsWith("timestamp")
          && !c.dataType().equals("date")) {
        problems.add(at + ": now needs a timestamp or date column, is " + c.dataType());
      }
    }
  }

  private void checkSnapshot(String where, TableRule rule) {
    SchemaCatalog.Column id = schema.column(rule.table(), "id");
    if (id == null || !"uuid".equals(id.dataType())) {
      problems.add(where + ": snapshot needs a uuid column \"id\" (the search documents' ids)");
    }
    if (!Identifiers.isValid(rule.effectiveSnapshotKind())) {
      problems.add(where + ": snapshotKind \"" + rule.snapshotKind() + "\" is not an identifier");
    }
  }

  private void checkIgnored(String where, ErasureMap.IgnoredColumn ignored) {
    if (ignored == null) {
      problems.add(where + ": empty entry");
      return;
    }
    String at = where + " (" + ignored.table() + ")";
    if (table(at, ignored.table())) {
      column(at, ignored.table(), ignored.column());
    }
    if (ignored.reason() == null || ignored.reason().isBlank()) {
      problems.add(at + ": a reason is required");
    }
  }

  /** Whether {@code table} is an identifier that exists; reports it otherwise. */
  private boolean table(String where, String table) {
    if (!Identifiers.isValid(table)) {
      problems.add(where + ": \"" + table + "\" is not a plain SQL identifier ([a-z_][a-z0-9_]*)");
      return false;
    }
    if (!schema.hasTable(table)) {
      problems.add(where + ": table \"" + table + "\" does not exist");
      return false;
    }
    return true;
  }

  /** Whether {@code column} is an identifier that exists in {@code table}; reports it otherwise. */
  private boolean column(String where, String table, String column) {
    if (!Identifiers.isValid(column)) {
      problems.add(where + ": \"" + column + "\" is not a plain SQL identifier ([a-z_][a-z0-9_]*)");
      return false;
    }
    if (schema.column(table, column) == null) {
      problems.add(where + ": column \"" + column + "\" does not exist in " + table);
      return false;
    }
    return true;
  }

  private static boolean isScalar(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean;
  }
}
