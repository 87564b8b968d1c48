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
import com.veza.erasure.activities.search.SearchSettings;
import com.veza.erasure.deletion.OwnedContent;
import com.veza.erasure.deletion.SearchPurgeResult;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes one user's documents from the three search indices (docs/design.md#search-purge) and
 * counts what is left (docs/design.md#verification).
 *
 * <p>Document shapes this relies on. Every doc's {@code _id} is the UUID of its row in PostgreSQL:
 *
 * <ul>
 *   <li>{@code users}: one doc per user, deleted whole.
 *   <li>{@code tracks}: {@code title}, {@code artist} (the display name shown as the artist),
 *       {@code creator_id} (user UUID), {@code creator_name}, {@code is_public}. Removed tracks are
 *       deleted; a kept public track gets the partial update {@code {"artist":
 *       AnonymizedValues.ARTIST, "creator_name": null}}, the same as its row after anonymization.
 *       {@code creator_id} stays, like the row's: it points at an anonymized account, no longer at
 *       a person.
 *   <li>{@code playlists}: deleted whole.
 * </ul>
 *
 * <p>Ids are deleted with {@code _bulk} by id, never by query: this distribution has no reindex
 * module ({@code _delete_by_query} answers 400), and ids need no terms-count limit. Every retry is
 * safe: an already deleted doc answers {@code not_found}, an already anonymized one {@code noop}.
 *
 * <p>An index with an owner field ({@link SearchSettings#tracksOwnerField()} etc.) is then swept by
 * it with {@link OwnerFieldSearch}: docs whose field holds the user's id but whose ids the snapshot
 * does not name are deleted by id the same way. Kept tracks are the exception; the snapshot says
 * which ids they are ({@link ContentIds#kept()}), and their by-id update already anonymized them.
 */
public final class SearchIndexPurger {
  private static final Logger LOG = LoggerFactory.getLogger(SearchIndexPurger.class);
  private static final JsonData ANONYMIZED_TRACK_FIELDS =
      JsonData.of(
          Json.createObjectBuilder()
              .add("artist", AnonymizedValues.ARTIST)
              .addNull("creator_name")
              .build());
  private static final List<String> TRACK_NAME_FIELDS = List.of("artist", "creator_name");

  private final ElasticsearchClient client;
  private final SearchSettings settings;

  public SearchIndexPurger(ElasticsearchClient client, SearchSettings settings) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The client, shared with the coverage check's mapping reads and the third-party references. */
  public ElasticsearchClient client() {
    return client;
  }

  public SearchSettings settings() {
    return settings;
  }

  /**
   * Purges the user's docs from the users, tracks and playlists indices. Each index is tried even
   * when an earlier one failed; then the first failure is thrown with the others suppressed.
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
    String user = userId.toString();
    List<RuntimeException> failures = new ArrayList<>();

    long usersDeleted =
        attempt(settings.usersIndex(), failures, () -> deleteUserDoc(user, heartbeat));
    Long usersByField =
        sweep(
            settings.usersIndex(),
            settings.usersOwnerField(),
            userId,
            KeptIds.NONE,
            failures,
            heartbeat);
    long tracksDeleted =
        attempt(
            settings.tracksIndex(),
            failures,
            () -> deleteAll(settings.tracksIndex(), content.removedTracks(), heartbeat));
    long tracksAnonymized =
        attempt(
            settings.tracksIndex(), failures, () -> anonymizeAll(content.keptTracks(), heartbeat));
    // After the by-id passes: what is left with the user's id in the owner field is what the
    // snapshot did not name, apart from the kept tracks just anonymized.
    Long tracksByField =
        sweep(
            settings.tracksIndex(),
            settings.tracksOwnerField(),
            userId,
            content.kept(),
            failures,
            heartbeat);
    long playlistsDeleted =
        attempt(
            settings.playlistsIndex(),
            failures,
            () -> deleteAll(settings.playlistsIndex(), content.playlists(), heartbeat));
    Long playlistsByField =
        sweep(
            settings.playlistsIndex(),
            settings.playlistsOwnerField(),
            userId,
            KeptIds.NONE,
            failures,
            heartbeat);

    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      LOG.warn(
          "search purge failed user={} failures={} first={}",
          user,
          failures.size(),
          first.getMessage());
      throw first;
    }
    LOG.info(
        "search purge done user={} usersDeleted={} tracksDeleted={} tracksAnonymized={}"
            + " playlistsDeleted={} deletedByField={}/{}/{}",
        user,
        usersDeleted,
        tracksDeleted,
        tracksAnonymized,
        playlistsDeleted,
        usersByField,
        tracksByField,
        playlistsByField);
    return new SearchPurgeResult(
        false,
        usersDeleted,
        tracksDeleted,
        tracksAnonymized,
        playlistsDeleted,
        usersByField,
        tracksByField,
        playlistsByField);
  }

  /**
   * Docs that should be gone but are not: the users doc, removed tracks, playlists and (with
   * keepPublicTracks) kept tracks still carrying a name. Uses real-time {@code _mget}, so it sees a
   * purge that just finished without waiting for a refresh. A missing index counts as 0.
   */
  public long countRemaining(UUID userId, boolean keepPublicTracks, OwnedContent content) {
    return countRemaining(userId, ContentIds.of(content, keepPublicTracks), () -> {});
  }

  /**
   * As {@link #countRemaining(UUID, boolean, OwnedContent)}, reading the ids page by page; with
   * owner fields, also the docs found by field (see {@link #countLeft}).
   *
   * @param heartbeat called after every {@code _mget} chunk and search page
   */
  public long countRemaining(UUID userId, ContentIds content, Runnable heartbeat) {
    SearchDocsLeft left = countLeft(userId, content, heartbeat);
    return left.byId() + (left.byField() == null ? 0 : left.byField());
  }

  /**
   * What is left, by id and by owner field, per index. By id: the users doc, removed tracks,
   * playlists and (with keepPublicTracks) kept tracks still carrying a name, with real-time {@code
   * _mget}. By field: docs whose owner field holds the user's id, kept tracks excepted, found with
   * the purge's query and each confirmed by a real-time {@code _mget}, so a delete the search does
   * not show yet is not counted. A missing index counts as 0.
   *
   * @param heartbeat called after every {@code _mget} chunk and search page
   */
  public SearchDocsLeft countLeft(UUID userId, ContentIds content, Runnable heartbeat) {
    SearchDocsLeft.Builder left = new SearchDocsLeft.Builder();
    left.byId(
        settings.usersIndex(),
        countFound(
            settings.usersIndex(),
            List.of(List.of(userId.toString())),
            null,
            doc -> true,
            heartbeat));
    left.byId(
        settings.tracksIndex(),
        countFound(settings.tracksIndex(), content.removedTracks(), null, doc -> true, heartbeat)
            + countFound(
                settings.tracksIndex(),
                content.keptTracks(),
                TRACK_NAME_FIELDS,
                doc -> !isAnonymized(doc),
                heartbeat));
    left.byId(
        settings.playlistsIndex(),
        countFound(settings.playlistsIndex(), content.playlists(), null, doc -> true, heartbeat));
    countByOwner(
        left, settings.usersIndex(), settings.usersOwnerField(), userId, KeptIds.NONE, heartbeat);
    countByOwner(
        left,
        settings.tracksIndex(),
        settings.tracksOwnerField(),
        userId,
        content.kept(),
        heartbeat);
    countByOwner(
        left,
        settings.playlistsIndex(),
        settings.playlistsOwnerField(),
        userId,
        KeptIds.NONE,
        heartbeat);
    SearchDocsLeft result = left.build();
    LOG.info(
        "search verification user={} remainingById={} remainingByField={}",
        userId,
        result.byId(),
        result.byField());
    return result;
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

  private long deleteUserDoc(String user, Runnable heartbeat) throws IOException {
    try {
      Result result = client.delete(d -> d.index(settings.usersIndex()).id(user)).result();
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
  private long anonymizeAll(Iterable<List<String>> ids, Runnable heartbeat) throws IOException {
    Function<String, BulkOperation> update =
        id ->
            BulkOperation.of(
                o -> o.update(u -> u.id(id).action(a -> a.doc(ANONYMIZED_TRACK_FIELDS))));
    return bulk(settings.tracksIndex(), ids, update, Set.of("updated", "noop"), heartbeat);
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

  private boolean isAnonymized(JsonData source) {
    if (source == null) {
      return true;
    }
    JsonObject doc = source.toJson(client._jsonpMapper()).asJsonObject();
    JsonValue artist = doc.getOrDefault("artist", JsonValue.NULL);
    JsonValue creatorName = doc.getOrDefault("creator_name", JsonValue.NULL);
    boolean artistAnonymous =
        artist == JsonValue.NULL
            || (artist instanceof JsonString s && AnonymizedValues.ARTIST.equals(s.getString()));
    return artistAnonymous && creatorName == JsonValue.NULL;
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

  /**
   * {@link #attempt} of {@link #deleteByOwner}; null when the index has no owner field, so the
   * result tells "not swept" from "swept, nothing found".
   */
  private Long sweep(
      String index,
      String field,
      UUID userId,
      KeptIds kept,
      List<RuntimeException> failures,
      Runnable heartbeat) {
    if (field == null) {
      return null;
    }
    return attempt(index, failures, () -> deleteByOwner(index, field, userId, kept, heartbeat));
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
