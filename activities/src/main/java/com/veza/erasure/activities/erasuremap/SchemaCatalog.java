package com.veza.erasure.activities.erasuremap;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The tables, columns, unique columns and foreign keys of the connection's current schema, read
 * once from information_schema and pg_catalog (constraints by column are only there).
 */
public final class SchemaCatalog {

  /** A column as information_schema describes it. */
  public record Column(String table, String name, String dataType, boolean nullable) {}

  /**
   * One column pair of a foreign key: {@code table.column} references {@code parent.parentColumn}.
   *
   * @param blocksDelete the parent's row cannot be deleted while this one points at it (NO ACTION
   *     or RESTRICT; not CASCADE, SET NULL or SET DEFAULT)
   */
  public record ForeignKey(
      String table, String column, String parentTable, String parentColumn, boolean blocksDelete) {}

  private final Map<String, Map<String, Column>> columns;
  private final Set<ErasureMap.TableColumn> unique;
  private final List<ForeignKey> foreignKeys;

  private SchemaCatalog(
      Map<String, Map<String, Column>> columns,
      Set<ErasureMap.TableColumn> unique,
      List<ForeignKey> foreignKeys) {
    this.columns = columns;
    this.unique = unique;
    this.foreignKeys = foreignKeys;
  }

  public static SchemaCatalog read(Jdbi jdbi) {
    return jdbi.withHandle(SchemaCatalog::read);
  }

  static SchemaCatalog read(Handle h) {
    Map<String, Map<String, Column>> columns = new HashMap<>();
    h.createQuery(
            """
            SELECT table_name, column_name, data_type, is_nullable = 'YES' AS nullable
              FROM information_schema.columns
             WHERE table_schema = current_schema()
            """)
        .map(
            (rs, ctx) ->
                new Column(
                    rs.getString("table_name"),
                    rs.getString("column_name"),
                    rs.getString("data_type"),
                    rs.getBoolean("nullable")))
        .forEach(c -> columns.computeIfAbsent(c.table(), t -> new HashMap<>()).put(c.name(), c));
    // Any unique index holding the column: a shared value would collide in a composite one too.
    Set<ErasureMap.TableColumn> unique =
        new HashSet<>(
            h.createQuery(
                    """
                    SELECT DISTINCT c.relname AS table_name, a.attname AS column_name
                      FROM pg_index i
                      JOIN pg_class c ON c.oid = i.indrelid
                      JOIN pg_namespace n ON n.oid = c.relnamespace
                      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey)
                     WHERE i.indisunique AND n.nspname = current_schema()
                    """)
                .map(
                    (rs, ctx) ->
                        new ErasureMap.TableColumn(
                            rs.getString("table_name"), rs.getString("column_name")))
                .list());
    List<ForeignKey> foreignKeys =
        h.createQuery(
                """
                SELECT cl.relname AS table_name, a.attname AS column_name,
                       pcl.relname AS parent_table, pa.attname AS parent_column,
                       c.confdeltype IN ('a', 'r') AS blocks_delete
                  FROM pg_constraint c
                  JOIN pg_class cl ON cl.oid = c.conrelid
                  JOIN pg_namespace n ON n.oid = cl.relnamespace
                  JOIN pg_class pcl ON pcl.oid = c.confrelid
                  CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k (col, parent_col)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col
                  JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = k.parent_col
                 WHERE c.contype = 'f' AND n.nspname = current_schema()
                """)
            .map(
                (rs, ctx) ->
                    new ForeignKey(
                        rs.getString("table_name"),
                        rs.getString("column_name"),
                        rs.getString("parent_table"),
                        rs.getString("parent_column"),
                        rs.getBoolean("blocks_delete")))
            .list();
    return new SchemaCatalog(columns, Set.copyOf(unique), List.copyOf(foreignKeys));
  }

  public boolean hasTable(String table) {
    return columns.containsKey(table);
  }

  /** The column, or null when the table or the column does not exist. */
  public Column column(String table, String column) {
    Map<String, Column> ofTable = columns.get(table);
    return ofTable == null ? null : ofTable.get(column);
  }

  public boolean isUnique(String table, String column) {
    return unique.contains(new ErasureMap.TableColumn(table, column));
  }

  public boolean hasForeignKey(String table, String column, String parent, String parentColumn) {
    return foreignKeys.stream()
        .anyMatch(
            fk ->
                fk.table().equals(table)
                    && fk.column().equals(column)
                    && fk.parentTable().equals(parent)
                    && fk.parentColumn().equals(parentColumn));
  }

  /** Whether rows of {@code child} pointing at {@code parent} stop a delete of the parent's. */
  public boolean blocksDelete(String child, String parent) {
    return foreignKeys.stream()
        .anyMatch(
            fk -> fk.table().equals(child) && fk.parentTable().equals(parent) && fk.blocksDelete());
  }

  public List<ForeignKey> foreignKeys() {
    return foreignKeys;
  }

  /** Every table of the schema, with its columns. */
  public Map<String, Map<String, Column>> tables() {
    return columns;
  }
}
