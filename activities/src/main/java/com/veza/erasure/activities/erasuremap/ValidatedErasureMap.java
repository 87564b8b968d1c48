package com.veza.erasure.activities.erasuremap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An erasure map that {@link ErasureMapValidator} checked against the database: the only form SQL
 * is built from. Each table rule has a name, unique in the map, under which its counts are
 * reported: the table, or {@code table.column} when several rules share the table.
 */
public final class ValidatedErasureMap {

  /** A table rule and the name its counts go under. */
  public record NamedRule(String name, TableRule rule) {}

  private final LoadedErasureMap loaded;
  private final List<NamedRule> rules;

  ValidatedErasureMap(LoadedErasureMap loaded) {
    this.loaded = loaded;
    this.rules = name(loaded.map().tables());
  }

  public ErasureMap map() {
    return loaded.map();
  }

  /** SHA-256 of the map's bytes, in the receipt. */
  public String sha256() {
    return loaded.sha256();
  }

  public String source() {
    return loaded.source();
  }

  public ErasureMap.Subject subject() {
    return loaded.map().subject();
  }

  /** The table rules, in the order they are applied. */
  public List<NamedRule> rules() {
    return rules;
  }

  /** The rule whose ids go into the snapshot under {@code kind}, if any. */
  public Optional<NamedRule> snapshotRule(String kind) {
    return rules.stream()
        .filter(r -> r.rule().snapshot() && r.rule().effectiveSnapshotKind().equals(kind))
        .findFirst();
  }

  /** The Redis key patterns, or empty when the map leaves them to the worker configuration. */
  public List<String> redisPatterns() {
    return loaded.map().redisPatterns();
  }

  /** See {@link ErasureMap#coveredColumns()}. */
  public Set<ErasureMap.TableColumn> coveredColumns() {
    return loaded.map().coveredColumns();
  }

  public List<ErasureMap.IgnoredColumn> ignored() {
    return loaded.map().ignored();
  }

  public List<String> coveragePatterns() {
    return loaded.map().coveragePatterns();
  }

  public List<SearchIndexRule> searchIndices() {
    return loaded.map().searchIndices();
  }

  private static List<NamedRule> name(List<TableRule> tables) {
    Map<String, Integer> perTable = new HashMap<>();
    tables.forEach(t -> perTable.merge(t.table(), 1, Integer::sum));
    List<NamedRule> named = new ArrayList<>();
    for (TableRule t : tables) {
      String name = perTable.get(t.table()) > 1 ? t.table() + "." + t.linkColumn() : t.table();
      named.add(new NamedRule(name, t));
    }
    return List.copyOf(named);
  }
}
