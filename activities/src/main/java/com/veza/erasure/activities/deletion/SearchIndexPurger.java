package com.veza.erasure.activities.deletion;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.Result;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.json.JsonData;
import com.veza.erasure.activities.deletion.ContentIds.KeptIds;
import com.veza.erasure.activities.erasuremap.ErasureMaps;
import com.veza.erasure.activities.erasuremap.ValidatedErasureMap;
import com.veza.erasure.activities.search.SearchSettings;
import com.veza.erasure.deletion.OwnedContent;
import com.veza.erasure.deletion.SearchIndexPurged;
import com.veza.erasure.deletion.SearchPurgeResult;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes one user's documents from the indices of the erasure map's {@code elasticsearch} section
 * (docs/design.md#search-purge) and counts what is left (docs/design.md#verification).
 *
 * <p>Each index of the map ({@link SearchTarget}) names which docs are the user's: the doc whose id
 * is the user's id ({@code ids: {subject: true}}), the docs whose ids are the content snapshot's
 * ids of a table rule ({@code ids: {fromTable: ...}}), and the docs whose owner field holds the
 * user's id ({@code ownerField}). They are deleted; with keep_public_tracks, the docs of rows the
 * table's keep rule kept get the index's {@code keep.update} instead, the same anonymization as
 * their rows. For the reference map: the users doc goes, removed tracks and playlists go, a kept
 * public track loses {@code artist} and {@code creator_name}, and track docs whose {@code
 * creator_id} is the user but whose rows the snapshot does not name (indexed late, rows deleted
 * earlier) go too.
 *
 * <p>Ids are deleted with {@code _bulk} by id, never by query: this distribution has no reindex
 * module ({@code _delete_by_query} answers 400), and ids need no terms-count limit. Every retry is
 * safe: an already deleted doc answers {@code not_found}, an already anonymized one {@code noop}.
 *
 * <p>The owner-field sweep runs after the by-id passes of its index ({@link OwnerFieldSearch}):
 * what it finds is what the snapshot did not name, apart from the kept docs just updated, which the
 * snapshot names ({@link ContentIds#keptIds}).
 */
public final class SearchIndexPurger {
  private static final Logger LOG = LoggerFactory.getLogger(SearchIndexPurger.class);

  private final ElasticsearchClient client;
  private final SearchSettings settings;
  private final List<SearchTarget> targets;

  /** The purger of the reference map's indices. */
  public SearchIndexPurger(ElasticsearchClient client, SearchSettings settings) {
    this(client, settings, SearchTarget.of(ErasureMaps.reference(), settings));
  }

  public SearchIndexPurger(
      ElasticsearchClient client, SearchSettings settings, List<SearchTarget> targets) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.targets = List.copyOf(targets);
  }

  /** The same client and settings, purging the indices {@code map} names. */
  public SearchIndexPurger forMap(ValidatedErasureMap map) {
    return new SearchIndexPurger(client, settings, SearchTarget.of(map, settings));
  }

  /** The client, shared with the coverage check's mapping reads and the third-party references. */
  public ElasticsearchClient client() {
    return client;
  }

  public SearchSettings settings() {
    return settings;
  }

  /** The indices this purger erases, in the map's order. */
  public List<SearchTarget> targets() {
    return targets;
  }

  /**
   * Purges the user's docs from every index of the map. Each index and each pass is tried even when
   * an earlier one failed; then the first failure is thrown with the others suppressed.
   *
   * @param heartbeat called after every request that made progress
   * @throws io.temporal.failure.ApplicationFailure {@code SEARCH_MAPPING} or {@code AUTH_FAILED}
   * @throws SearchStoreException on anything a retry may fix
   */
  public SearchPurgeResult purge(
      UUID userId, boolean keepPublicTracks, OwnedContent content, Runnable heartbeat) {
    return purge(userId, ContentIds.of(content, keepPublicTracks), heartbeat);
  }

  /** As {@link #purge(UUID, boolean, OwnedContent, Runnable)}, reading the ids page by page. */
  public SearchPurgeResult purge(UUID userId, ContentIds content, Runnable heartbeat) {
    List<RuntimeException> failures = new ArrayList<>();
    List<SearchIndexPurged> done = new ArrayList<>();
    for (SearchTarget target : targets) {
      done.add(purgeIndex(target, userId, content, failures, heartbeat));
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      LOG.warn(
          "search purge failed user={} failures={} first={}",
          userId,
          failures.size(),
          first.getMessage());
      throw first;
    }
    LOG.info("search purge done user={} indices={}", userId, done);
    return SearchPurgeResult.ofIndices(done);
  }

  private SearchIndexPurged purgeIndex(
      SearchTarget target,
      UUID userId,
      ContentIds content,
      List<RuntimeException> failures,
      Runnable heartbeat) {
    String index = target.index();
    long deleted = 0;
    if (target.subjectDoc()) {
      deleted += attempt(index, failures, () -> deleteDoc(index, userId.toString(), heartbeat));
    }
    Long anonymized = null;
    String kind = target.snapshotKind();
    if (kind != null) {
      deleted +=
          attempt(
              index,
              failures,
              () -> deleteAll(index, content.removed(kind, target.keepsDocs()), heartbeat));
      if (target.keepsDocs()) {
        JsonData update = JsonData.of(KeepUpdates.json(target.keepUpdate()));
        anonymized =
            attempt(
                index,
                failures,
                () -> updateAll(index, content.kept(kind, true), update, heartbeat));
      }
    }
    Long byField = null;
    if (target.ownerField() != null) {
      KeptIds kept = content.keptIds(kind, target.keepsDocs());
      byField =
          attempt(
              index,
              failures,
              () -> deleteByOwner(index, target.ownerField(), userId, kept, heartbeat));
    }
    return new SearchIndexPurged(target.name(), deleted, anonymized, byField);
  }

  /**
   * Docs that should be gone but are not, by id and by owner field (see {@link #countLeft}). Uses
   * real-time {@code _mget}, so it sees a purge that just finished without waiting for a refresh. A
   * missing index counts as 0.
   */
  public long countRemaining(UUID userId, boolean keepPublicTracks, OwnedContent content) {
    return countRemaining(userId, ContentIds.of(content, keepPublicTracks), () -> {});
  }

  /**
   * As {@link #countRemaining(UUID, boolean, OwnedContent)}, reading the ids page by page.
   *
   * @param heartbeat called after every {@code _mget} chunk and search page
   */
  public long countRemaining(UUID userId, ContentIds content, Runnable heartbeat) {
    SearchDocsLeft left = countLeft(userId, content, heartbeat);
    return left.byId() + (left.byField() == null ? 0 : left.byField());
  }

  /**
   * What is left, by id and by owner field, per index. By id: the subject's doc, the docs of the
   * snapshot's ids that should be gone, and the docs of kept rows still differing from the keep
   * update, with real-time {@code _mget}. By field: docs whose owner field holds the user's id,
   * kept docs excepted, found with the purge's query and each confirmed by a real-time {@code
   * _mget}, so a delete the search does not show yet is not counted. A missing index counts as 0.
   *
   * @param heartbeat called after every {@code _mget} chunk and search page
   */
  public SearchDocsLeft countLeft(UUID userId, ContentIds content, Runnable heartbeat) {
    SearchDocsLeft.Builder left = new SearchDocsLeft.Builder();
    for (SearchTarget target : targets) {
      String index = target.index();
      long byId = 0;
      if (target.subjectDoc()) {
        byId +=
            countFound(index, List.of(List.of(userId.toString())), null, doc -> true, heartbeat);
      }
      String kind = target.snapshotKind();
      if (kind != null) {
        byId +=
            countFound(
                index, content.removed(kind, target.keepsDocs()), null, doc -> true, heartbeat);
        if (target.keepsDocs()) {
          JsonObject expected = KeepUpdates.json(target.keepUpdate());
          byId +=
              countFound(
                  index,
                  content.kept(kind, true),
                  List.copyOf(expected.keySet()),
                  doc -> !KeepUpdates.applied(doc, expected, client._jsonpMapper()),
                  heartbeat);
        }
      }
      left.byId(index, byId);
      if (target.ownerField() != null) {
        countByOwner(
            left,
            index,
            target.ownerField(),
            userId,
            content.keptIds(kind, target.keepsDocs()),
            heartbeat);
      }
    }
    SearchDocsLeft result = left.build();
    LOG.info(
        "search verification user={} remainingById={} remainingByField={}",
        userId,
        result.byId(),
        result.byField());
    return result;
  }

  /**
   * What one index's rule would find for a user, read-only (the {@code erasure-dry-run} command).
   *
   * @param name the index as the map names it
   * @param index the index read
   * @param subjectDoc whether the doc whose id is the user's id exists; null when the rule has no
   *     {@code ids: {subject: true}}
   * @param snapshotTable the table rule whose rows give doc ids, or null (its rows are counted with
   *     the table rules)
   * @param byOwnerField docs whose owner field holds the user's id; null without an owner field
   */
  public record IndexDryRun(
      String name, String index, Boolean subjectDoc, String snapshotTable, Long byOwnerField) {}

  /**
   * What each index of the map holds of the user now, without changing anything. A missing index
   * holds nothing.
   *
   * @param snapshotTables snapshot kind → the table whose rule writes it
   */
  public List<IndexDryRun> dryRun(UUID userId, Map<String, String> snapshotTables) {
    List<IndexDryRun> found = new ArrayList<>();
    for (SearchTarget target : targets) {
      String index = target.index();
      try {
        Boolean subject =
            target.subjectDoc()
                ? client.exists(e -> e.index(index).id(userId.toString())).value()
                : null;
        Long byField =
            target.ownerField() == null
                ? null
                : ownerSearch().count(index, target.ownerField(), userId);
        String table =
            target.snapshotKind() == null ? null : snapshotTables.get(target.snapshotKind());
        found.add(new IndexDryRun(target.name(), index, subject, table, byField));
      } catch (IOException | RuntimeException e) {
        throw SearchFailures.classify(index, e);
      }
    }
    return found;
  }

  /**
   * Deletes the docs of {@code index} whose {@code field} holds the user's id, except those {@code
   * kept} names (their by-id update already anonymized them). A missing index counts as gone.
   */
  private long deleteByOwner(
      String index, String field, UUID userId, KeptIds kept, Runnable heartbeat)
      throws IOException {
    return ownerSearch()
        .forEachPage(
            index,
            field,
            userId,
            ids -> {
              List<String> doomed = notKept(ids, kept);
              return doomed.isEmpty()
                  ? 0
                  : bulkPage(
                      index, doomed, SearchIndexPurger::deleteOp, Set.of("deleted"), heartbeat);
            },
            heartbeat);
  }

  private void countByOwner(
      SearchDocsLeft.Builder left,
      String index,
      String field,
      UUID userId,
      KeptIds kept,
      Runnable heartbeat) {
    if (field == null) {
      return;
    }
    try {
      long found =
          ownerSearch()
              .forEachPage(
                  index,
                  field,
                  userId,
                  ids -> {
                    List<String> notKept = notKept(ids, kept);
                    return notKept.isEmpty()
                        ? 0
                        : countFoundInPage(index, notKept, null, doc -> true, heartbeat);
                  },
                  heartbeat);
      left.byField(index, found);
    } catch (IOException | RuntimeException e) {
      throw SearchFailures.classify(index, e);
    }
  }

  private static List<String> notKept(List<String> ids, KeptIds kept) {
    Set<String> keep = kept.among(ids);
    return keep.isEmpty() ? ids : ids.stream().filter(id -> !keep.contains(id)).toList();
  }

  private OwnerFieldSearch ownerSearch() {
    return new OwnerFieldSearch(client, settings.searchPageSize());
  }

  private long deleteDoc(String index, String id, Runnable heartbeat) throws IOException {
    try {
      Result result = client.delete(d -> d.index(index).id(id)).result();
      heartbeat.run();
      return result == Result.Deleted ? 1 : 0;
    } catch (ElasticsearchException e) {
      if (SearchFailures.isIndexNotFound(e)) {
        return 0;
      }
      throw e;
    }
  }

  private long deleteAll(String index, Iterable<List<String>> ids, Runnable heartbeat)
      throws IOException {
    return bulk(index, ids, SearchIndexPurger::deleteOp, Set.of("deleted"), heartbeat);
  }

  /**
   * A doc that is already anonymized answers {@code noop}: it counts, so a retry reports the same.
   */
  private long updateAll(
      String index, Iterable<List<String>> ids, JsonData update, Runnable heartbeat)
      throws IOException {
    Function<String, BulkOperation> op =
        id -> BulkOperation.of(o -> o.update(u -> u.id(id).action(a -> a.doc(update))));
    return bulk(index, ids, op, Set.of("updated", "noop"), heartbeat);
  }

  /**
   * Sends the pages of {@code ids} in chunks and checks every item: a 404 (doc already deleted) is
   * fine, any other item error fails the index after the whole chunk was read.
   */
  private long bulk(
      String index,
      Iterable<List<String>> ids,
      Function<String, BulkOperation> op,
      Set<String> countedResults,
      Runnable heartbeat)
      throws IOException {
    long done = 0;
    boolean checked = false;
    for (List<String> page : ids) {
      if (page.isEmpty()) {
        continue;
      }
      // A _bulk write to a missing index would auto-create it (with guessed mappings): check
      // first.
      if (!checked && !indexExists(index)) {
        return 0;
      }
      checked = true;
      done += bulkPage(index, page, op, countedResults, heartbeat);
    }
    return done;
  }

  private long bulkPage(
      String index,
      List<String> ids,
      Function<String, BulkOperation> op,
      Set<String> countedResults,
      Runnable heartbeat)
      throws IOException {
    long done = 0;
    for (List<String> chunk : chunks(ids)) {
      BulkResponse response =
          client.bulk(b -> b.index(index).operations(chunk.stream().map(op).toList()));
      if (response.items().size() != chunk.size()) {
        throw new SearchStoreException(
            "Elasticsearch index "
                + index
                + ": _bulk answered "
                + response.items().size()
                + " items for "
                + chunk.size()
                + " operations");
      }
      BulkResponseItem firstFailure = null;
      int failed = 0;
      for (BulkResponseItem item : response.items()) {
        ErrorCause error = item.error();
        if (error == null) {
          if (countedResults.contains(item.result())) {
            done++;
          }
        } else if (!isAlreadyGone(item)) {
          failed++;
          firstFailure = firstFailure == null ? item : firstFailure;
        }
      }
      if (firstFailure != null) {
        throw SearchFailures.fromItem(
            index, "_bulk", firstFailure.status(), firstFailure.error(), failed);
      }
      heartbeat.run();
    }
    return done;
  }

  private long countFound(
      String index,
      Iterable<List<String>> pages,
      List<String> sourceFields,
      Predicate<JsonData> counts,
      Runnable heartbeat) {
    try {
      long found = 0;
      boolean checked = false;
      for (List<String> ids : pages) {
        if (ids.isEmpty()) {
          continue;
        }
        if (!checked && !indexExists(index)) {
          return 0;
        }
        checked = true;
        found += countFoundInPage(index, ids, sourceFields, counts, heartbeat);
      }
      return found;
    } catch (IOException | RuntimeException e) {
      throw SearchFailures.classify(index, e);
    }
  }

  private long countFoundInPage(
      String index,
      List<String> ids,
      List<String> sourceFields,
      Predicate<JsonData> counts,
      Runnable heartbeat)
      throws IOException {
    long found = 0;
    for (List<String> chunk : chunks(ids)) {
      MgetResponse<JsonData> response =
          client.mget(
              m -> {
                m.index(index).ids(chunk);
                return sourceFields == null
                    ? m.source(s -> s.fetch(false))
                    : m.sourceIncludes(sourceFields);
              },
              JsonData.class);
      for (MultiGetResponseItem<JsonData> item : response.docs()) {
        if (item.isFailure()) {
          ErrorCause error = item.failure().error();
          if (!"index_not_found_exception".equals(error.type())) {
            throw SearchFailures.fromItem(index, "_mget", 0, error, 1);
          }
        } else if (item.result().found() && counts.test(item.result().source())) {
          found++;
        }
      }
      heartbeat.run();
    }
    return found;
  }

  private boolean indexExists(String index) throws IOException {
    return client.indices().exists(e -> e.index(index)).value();
  }

  private static BulkOperation deleteOp(String id) {
    return BulkOperation.of(o -> o.delete(d -> d.id(id)));
  }

  private static boolean isAlreadyGone(BulkResponseItem item) {
    return item.status() == 404;
  }

  private List<List<String>> chunks(List<String> ids) {
    int size = settings.bulkChunkSize();
    List<List<String>> chunks = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += size) {
      chunks.add(ids.subList(from, Math.min(ids.size(), from + size)));
    }
    return chunks;
  }

  private static long attempt(String index, List<RuntimeException> failures, IndexStep step) {
    try {
      return step.run();
    } catch (IOException | RuntimeException e) {
      failures.add(SearchFailures.classify(index, e));
      return 0;
    }
  }

  @FunctionalInterface
  private interface IndexStep {
    long run() throws IOException;
  }
}
