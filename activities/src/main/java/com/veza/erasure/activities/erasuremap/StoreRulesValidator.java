package com.veza.erasure.activities.erasuremap;

import com.veza.erasure.activities.redis.RedisSettings;
import com.veza.erasure.activities.search.SearchSettings;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The parts of the erasure map outside PostgreSQL: Redis patterns pin one user, search indices have
 * a valid shape and name snapshot rules that exist, coverage patterns are column name globs. Index
 * mappings are not read here (no search client at this point); the search side checks them.
 */
final class StoreRulesValidator {
  private static final Pattern COVERAGE_PATTERN = Pattern.compile("[a-z0-9_*]+");
  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]{0,254}");

  private final List<String> problems = new ArrayList<>();

  private StoreRulesValidator() {}

  /** Every problem of these sections, each prefixed with where it is. */
  static List<String> check(ErasureMap map) {
    StoreRulesValidator v = new StoreRulesValidator();
    v.checkAll(map);
    return v.problems;
  }

  private void checkAll(ErasureMap map) {
    for (int i = 0; i < map.coveragePatterns().size(); i++) {
      String p = map.coveragePatterns().get(i);
      if (p == null || !COVERAGE_PATTERN.matcher(p).matches()) {
        problems.add(
            "coverage.patterns["
                + i
                + "]: \""
                + p
                + "\" must be lower-case letters, digits, _ and *");
      }
    }
    checkRedis(map.redisPatterns());
    for (int i = 0; i < map.searchIndices().size(); i++) {
      checkIndex("elasticsearch.indices[" + i + "]", map.searchIndices().get(i), map);
    }
  }

  private void checkRedis(List<String> patterns) {
    for (int i = 0; i < patterns.size(); i++) {
      try {
        RedisSettings.validatePattern(patterns.get(i));
      } catch (ApplicationFailure e) {
        problems.add("redis.patterns[" + i + "]: " + e.getOriginalMessage());
      }
    }
  }

  private void checkIndex(String where, SearchIndexRule index, ErasureMap map) {
    if (index == null) {
      problems.add(where + ": empty entry");
      return;
    }
    String at = where + " (" + index.index() + ")";
    if (!SearchSettings.isIndexName(index.index())) {
      problems.add(at + ": not an index name");
    }
    if (!"delete".equals(index.action())) {
      problems.add(at + ": action must be delete");
    }
    if (index.ownerField() != null && !FIELD_NAME.matcher(index.ownerField()).matches()) {
      problems.add(at + ": ownerField \"" + index.ownerField() + "\" is not a field name");
    }
    if (index.keep() != null) {
      checkKeepUpdate(at, index.keep());
    }
    SearchIndexRule.Ids ids = index.ids();
    if (ids == null) {
      if (index.ownerField() == null) {
        problems.add(at + ": give ids, ownerField or both");
      }
      return;
    }
    if ((ids.fromTable() == null) == !ids.subject()) {
      problems.add(at + ": ids needs exactly one of fromTable and subject: true");
      return;
    }
    if (ids.fromTable() != null) {
      TableRule source =
          map.tables().stream()
              .filter(t -> t != null && ids.fromTable().equals(t.table()) && t.snapshot())
              .findFirst()
              .orElse(null);
      if (source == null) {
        problems.add(at + ": ids.fromTable \"" + ids.fromTable() + "\" is not a snapshot rule");
      } else if (index.keep() != null && source.keep() == null) {
        problems.add(at + ": keep, but table rule " + ids.fromTable() + " keeps no rows");
      }
    } else if (index.keep() != null) {
      problems.add(at + ": keep needs ids.fromTable (the kept rows)");
    }
  }

  /** A partial update of named fields to scalars: what a kept doc's row got, field by field. */
  private void checkKeepUpdate(String at, SearchIndexRule.Keep keep) {
    if (keep.update().isEmpty()) {
      problems.add(at + ": keep.update names no field");
    }
    keep.update()
        .forEach(
            (field, value) -> {
              if (field == null || !FIELD_NAME.matcher(field).matches()) {
                problems.add(at + ": keep.update field \"" + field + "\" is not a field name");
              } else if (!(value == null
                  || value instanceof String
                  || value instanceof Number
                  || value instanceof Boolean)) {
                problems.add(
                    at + ": keep.update." + field + " must be a string, number, boolean or null");
              }
            });
  }
}
