package com.veza.erasure.activities.deletion;

import com.veza.erasure.deletion.SearchIndexLeft;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Search docs left after erasure, per index (docs/design.md#verification).
 *
 * @param perIndex index name → what is left there, in the order the indices were checked
 */
public record SearchDocsLeft(Map<String, SearchIndexLeft> perIndex) {

  public SearchDocsLeft {
    perIndex = Collections.unmodifiableMap(new LinkedHashMap<>(perIndex));
  }

  /** Found by id, over every index. */
  public long byId() {
    return perIndex.values().stream().mapToLong(SearchIndexLeft::byId).sum();
  }

  /** Found by owner field, over every index that has one; null when none has. */
  public Long byField() {
    return perIndex.values().stream()
        .map(SearchIndexLeft::byField)
        .filter(Objects::nonNull)
        .reduce(Long::sum)
        .orElse(null);
  }

  /** Adds counts up by index name, so two settings naming the same index give one entry. */
  static final class Builder {
    private final Map<String, SearchIndexLeft> perIndex = new LinkedHashMap<>();

    void byId(String index, long count) {
      perIndex.merge(index, new SearchIndexLeft(count, null), (a, b) -> sum(a, b));
    }

    void byField(String index, long count) {
      perIndex.merge(index, new SearchIndexLeft(0, count), (a, b) -> sum(a, b));
    }

    SearchDocsLeft build() {
      return new SearchDocsLeft(perIndex);
    }

    private static SearchIndexLeft sum(SearchIndexLeft a, SearchIndexLeft b) {
      Long byField =
          a.byField() == null
              ? b.byField()
              : b.byField() == null ? a.byField() : a.byField() + b.byField();
      return new SearchIndexLeft(a.byId() + b.byId(), byField);
    }
  }
}
