package com.veza.erasure.activities.erasuremap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The erasure map (docs/describe-your-schema.md): which of the platform's data erasure removes or
 * anonymizes, declared in YAML instead of coded. Parsed by {@link ErasureMapLoader}; checked
 * against the database by {@link ErasureMapValidator} before any statement is built from it.
 *
 * @param version the document's format version, 1
 * @param subject the account table and its uuid key
 * @param postgres the table rules, in the order they are applied, and the ignored columns
 * @param coverage the column name patterns the coverage check looks for; defaults when absent
 * @param redis the user's key patterns; absent: the worker's {@code redis.keyPatterns}
 * @param elasticsearch the search indices holding the user's documents
 */
public record ErasureMap(
    int version,
    Subject subject,
    PostgresRules postgres,
    CoverageRules coverage,
    RedisRules redis,
    SearchRules elasticsearch) {

  /** The column names the coverage check reports when neither covered nor ignored. */
  public static final List<String> DEFAULT_COVERAGE_PATTERNS =
      List.of(
          "user_id", "*_user_id", "creator_id", "owner_id", "sender_id", "recipient_id", "email");

  public ErasureMap {
    postgres = postgres == null ? new PostgresRules(List.of(), List.of()) : postgres;
    coverage = coverage == null ? new CoverageRules(null) : coverage;
    elasticsearch = elasticsearch == null ? new SearchRules(List.of()) : elasticsearch;
  }

  /** The table rules in the order they are applied. */
  public List<TableRule> tables() {
    return postgres.tables();
  }

  /**
   * Every (table, column) a rule covers: a rule's {@code userColumn}, or {@code via.column} for a
   * rule reached through a parent, plus every column it or its keep rule anonymizes.
   */
  public Set<TableColumn> coveredColumns() {
    Set<TableColumn> covered = new LinkedHashSet<>();
    for (TableRule rule : tables()) {
      covered.add(new TableColumn(rule.table(), rule.linkColumn()));
      rule.anonymize().keySet().forEach(c -> covered.add(new TableColumn(rule.table(), c)));
      if (rule.keep() != null) {
        rule.keep()
            .anonymize()
            .keySet()
            .forEach(c -> covered.add(new TableColumn(rule.table(), c)));
      }
    }
    return Set.copyOf(covered);
  }

  /** Columns the coverage check must not report, each with its reason. */
  public List<IgnoredColumn> ignored() {
    return postgres.ignore();
  }

  /** The coverage check's column name patterns ({@code *} matches any run of characters). */
  public List<String> coveragePatterns() {
    return coverage.patterns();
  }

  /** The search indices, each with its optional owner field. */
  public List<SearchIndexRule> searchIndices() {
    return elasticsearch.indices();
  }

  /** The Redis key patterns, or empty when the map leaves them to the worker configuration. */
  public List<String> redisPatterns() {
    return redis == null ? List.of() : redis.patterns();
  }

  /** The account table and its uuid key: every rule reaches rows through it. */
  public record Subject(String table, String id) {}

  /**
   * The PostgreSQL part.
   *
   * @param tables applied in this order, in one transaction
   * @param ignore columns the coverage check must not report
   */
  public record PostgresRules(List<TableRule> tables, List<IgnoredColumn> ignore) {
    public PostgresRules {
      tables = tables == null ? List.of() : unmodifiable(tables);
      ignore = ignore == null ? List.of() : unmodifiable(ignore);
    }
  }

  /** A column the coverage check must not report, and why (for the privacy team's record). */
  public record IgnoredColumn(String table, String column, String reason) {}

  public record CoverageRules(List<String> patterns) {
    public CoverageRules {
      patterns = patterns == null ? DEFAULT_COVERAGE_PATTERNS : unmodifiable(patterns);
    }
  }

  /** SCAN MATCH templates; {@code {id}} becomes the user's UUID. */
  public record RedisRules(List<String> patterns) {
    public RedisRules {
      patterns = patterns == null ? List.of() : unmodifiable(patterns);
    }
  }

  public record SearchRules(List<SearchIndexRule> indices) {
    public SearchRules {
      indices = indices == null ? List.of() : unmodifiable(indices);
    }
  }

  public record TableColumn(String table, String column) {}

  /** Keeps nulls (an empty YAML list item), so that the validator can name their position. */
  static <T> List<T> unmodifiable(List<T> list) {
    return Collections.unmodifiableList(new ArrayList<>(list));
  }
}
