package com.veza.erasure.activities.coverage;

import com.veza.erasure.activities.db.ServiceTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The PostgreSQL half of the coverage check. It reads {@code pg_catalog}, not {@code
 * information_schema}: the latter shows only tables the current role has a privilege on, and a
 * table the platform added without granting the worker anything is exactly the gap to find.
 */
final class PostgresCoverage {

  /**
   * Every column of the ordinary and partitioned tables (partitions are covered by their parent) of
   * the configured schemas, and every column in any schema with a foreign key to the subject's key.
   */
  private static final String COLUMNS =
      """
      WITH subject AS (
        SELECT c.oid AS relid, a.attnum
          FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_attribute a ON a.attrelid = c.oid
         WHERE n.nspname = :subjectSchema AND c.relname = :subjectTable
           AND a.attname = :subjectKey AND NOT a.attisdropped
      ), referencing AS (
        SELECT DISTINCT f.conrelid AS relid, f.conkey[i] AS attnum
          FROM pg_constraint f
          JOIN subject s ON f.confrelid = s.relid
          CROSS JOIN LATERAL generate_subscripts(f.confkey, 1) AS i
         WHERE f.contype = 'f' AND f.confkey[i] = s.attnum
      )
      SELECT n.nspname AS schema_name, c.relname AS table_name, a.attname AS column_name,
             r.relid IS NOT NULL AS references_subject
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        LEFT JOIN referencing r ON r.relid = c.oid AND r.attnum = a.attnum
       WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
         AND (n.nspname = ANY (:schemas) OR r.relid IS NOT NULL)
      """;

  private record Column(
      String schemaName, String tableName, String columnName, boolean referencesSubject) {}

  private final Jdbi jdbi;
  private final List<String> schemas;

  /**
   * @param schemas the schemas whose columns are matched against the name patterns; the first is
   *     where the map's unqualified table names live
   */
  PostgresCoverage(Jdbi jdbi, List<String> schemas) {
    if (schemas.isEmpty()) {
      throw new IllegalArgumentException("at least one schema to check is required");
    }
    this.jdbi = jdbi;
    this.schemas = List.copyOf(schemas);
  }

  List<CoverageGap> gaps(CoverageRules rules) {
    NamePatterns patterns = new NamePatterns(rules.patterns());
    String subjectTable = qualified(rules.subject().table());
    String subjectKey = rules.subject().column();
    String subjectSchema = subjectTable.substring(0, subjectTable.indexOf('.'));
    String why = "foreign key to " + rules.subject().table() + "(" + subjectKey + ")";
    List<CoverageGap> gaps = new ArrayList<>();
    for (Column column : columns(subjectSchema, subjectTable, subjectKey)) {
      if (ServiceTables.NAMES.contains(column.tableName())) {
        continue;
      }
      String table = displayed(column.schemaName(), column.tableName());
      boolean inSubject = (column.schemaName() + "." + column.tableName()).equals(subjectTable);
      if (inSubject && column.columnName().equals(subjectKey)) {
        continue;
      }
      Optional<String> reason =
          column.referencesSubject()
              ? Optional.of(why)
              : patterns.match(column.columnName()).map(p -> "name matches " + p);
      if (reason.isPresent() && !isCovered(rules, table, column.columnName())) {
        gaps.add(
            new CoverageGap(
                CoverageGap.Store.POSTGRESQL, table, column.columnName(), reason.get()));
      }
    }
    return gaps;
  }

  private List<Column> columns(String subjectSchema, String subjectTable, String subjectKey) {
    return jdbi.withHandle(
        h ->
            h.createQuery(COLUMNS)
                .bind("subjectSchema", subjectSchema)
                .bind("subjectTable", subjectTable.substring(subjectSchema.length() + 1))
                .bind("subjectKey", subjectKey)
                .bindArray("schemas", String.class, schemas)
                .map(
                    (rs, ctx) ->
                        new Column(
                            rs.getString("schema_name"),
                            rs.getString("table_name"),
                            rs.getString("column_name"),
                            rs.getBoolean("references_subject")))
                .list());
  }

  private boolean isCovered(CoverageRules rules, String table, String column) {
    return rules.covered().stream()
            .anyMatch(
                c -> displayed(qualified(c.table())).equals(table) && c.column().equals(column))
        || rules.ignored().stream()
            .anyMatch(
                i ->
                    displayed(qualified(i.table())).equals(table)
                        && (i.column() == null || i.column().equals(column)));
  }

  /** {@code schema.table}, an unqualified name being in the first schema. */
  private String qualified(String table) {
    return table.contains(".") ? table : schemas.get(0) + "." + table;
  }

  private String displayed(String qualifiedTable) {
    int dot = qualifiedTable.indexOf('.');
    return displayed(qualifiedTable.substring(0, dot), qualifiedTable.substring(dot + 1));
  }

  /** Unqualified in the first schema, as the map writes it; qualified elsewhere. */
  private String displayed(String schema, String table) {
    return schema.equals(schemas.get(0)) ? table : schema + "." + table;
  }
}
