package com.veza.erasure.activities.coverage;

import com.veza.erasure.activities.erasuremap.ErasureMap;
import com.veza.erasure.activities.erasuremap.ValidatedErasureMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The coverage rules an erasure map states: what its table rules reach, what it ignores with a
 * reason, its name patterns ({@link NamePatterns#DEFAULTS} when it names none).
 *
 * @param searchIndices the indices the search purge erases: those the map's {@code elasticsearch}
 *     section names, as the worker resolves their names
 */
public record MapCoverageRules(ValidatedErasureMap map, Set<String> searchIndices)
    implements CoverageRules {

  public MapCoverageRules {
    searchIndices = Set.copyOf(searchIndices);
  }

  @Override
  public ColumnRef subject() {
    ErasureMap.Subject subject = map.subject();
    return new ColumnRef(subject.table(), subject.id());
  }

  @Override
  public Set<ColumnRef> covered() {
    return map.coveredColumns().stream()
        .map(c -> new ColumnRef(c.table(), c.column()))
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public List<IgnoredColumn> ignored() {
    return map.ignored().stream()
        .map(i -> new IgnoredColumn(i.table(), i.column(), i.reason()))
        .toList();
  }

  @Override
  public List<String> patterns() {
    List<String> patterns = map.coveragePatterns();
    return patterns == null || patterns.isEmpty() ? NamePatterns.DEFAULTS : patterns;
  }
}
