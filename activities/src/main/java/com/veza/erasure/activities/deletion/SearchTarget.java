package com.veza.erasure.activities.deletion;

import com.veza.erasure.activities.erasuremap.SearchIndexRule;
import com.veza.erasure.activities.erasuremap.TableRule;
import com.veza.erasure.activities.erasuremap.ValidatedErasureMap;
import com.veza.erasure.activities.search.SearchSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One index of the erasure map's {@code elasticsearch} section, resolved for this worker: which
 * docs are the user's and what happens to them (docs/design.md#search-purge).
 *
 * @param name the index as the map names it: the key of its step counts
 * @param index the index requests go to ({@link SearchSettings#index})
 * @param subjectDoc the doc whose id is the user's id is deleted
 * @param snapshotKind the snapshot kind whose ids are this index's doc ids; null: none
 * @param keepUpdate the partial update of the docs of kept rows (field to value, null clears it);
 *     null: the index keeps no doc, every doc of the snapshot's ids is deleted
 * @param ownerField docs whose field holds the user's id are found by it too; null: by id only
 * @param rule where the rule is in the map, for messages: {@code elasticsearch.indices[1] (tracks)}
 */
public record SearchTarget(
    String name,
    String index,
    boolean subjectDoc,
    String snapshotKind,
    Map<String, Object> keepUpdate,
    String ownerField,
    String rule,
    boolean optional) {

  public SearchTarget {
    keepUpdate =
        keepUpdate == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(keepUpdate));
  }

  /** Docs of kept rows get {@link #keepUpdate} instead of being deleted. */
  public boolean keepsDocs() {
    return keepUpdate != null;
  }

  /** The same index swept by {@code field} (null: by id only). */
  public SearchTarget withOwnerField(String field) {
    return new SearchTarget(
        name, index, subjectDoc, snapshotKind, keepUpdate, field, rule, optional);
  }

  /** The map's indices in its order, their names resolved with {@code settings}. */
  public static List<SearchTarget> of(ValidatedErasureMap map, SearchSettings settings) {
    List<SearchTarget> targets = new ArrayList<>();
    List<SearchIndexRule> rules = map.searchIndices();
    for (int i = 0; i < rules.size(); i++) {
      SearchIndexRule rule = rules.get(i);
      SearchIndexRule.Ids ids = rule.ids();
      String kind = ids == null || ids.fromTable() == null ? null : snapshotKind(map, ids);
      targets.add(
          new SearchTarget(
              rule.index(),
              settings.index(rule.index()),
              ids != null && ids.subject(),
              kind,
              kind == null || rule.keep() == null ? null : rule.keep().update(),
              rule.ownerField(),
              "elasticsearch.indices[" + i + "] (" + rule.index() + ")",
              rule.isOptional()));
    }
    return List.copyOf(targets);
  }

  /** The validator made sure {@code fromTable} names a snapshot rule. */
  private static String snapshotKind(ValidatedErasureMap map, SearchIndexRule.Ids ids) {
    return map.rules().stream()
        .map(ValidatedErasureMap.NamedRule::rule)
        .filter(t -> t.snapshot() && t.table().equals(ids.fromTable()))
        .map(TableRule::effectiveSnapshotKind)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(ids.fromTable() + " is not a snapshot rule"));
  }
}
