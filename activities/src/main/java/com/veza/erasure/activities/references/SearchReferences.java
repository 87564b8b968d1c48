package com.veza.erasure.activities.references;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.transport.TransportException;
import com.veza.erasure.common.ErasureErrors;
import io.temporal.failure.ApplicationFailure;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Other users' track documents whose {@code artist} names the user. Elasticsearch narrows with a
 * phrase match on {@code artist} and a case-insensitive wildcard on its keyword {@code artist.raw}
 * (a field the index may lack: then the phrase alone), the {@link NameMatcher} decides. Pages
 * through a point in time in {@code _shard_doc} order; a scrub is a partial update guarded by the
 * sequence number read, so a creator's edit since then wins.
 */
final class SearchReferences {
  /** Between two pages; a page takes well under a second. */
  private static final Time KEEP_ALIVE = Time.of(t -> t.time("2m"));

  private static final Set<String> REQUEST_SHAPE_ERRORS =
      Set.of("parsing_exception", "x_content_parse_exception", "illegal_argument_exception");

  private final ElasticsearchClient client;
  private final String index;
  private final ReferenceDao dao;
  private final ReferenceSettings settings;

  SearchReferences(
      ElasticsearchClient client, String index, ReferenceDao dao, ReferenceSettings settings) {
    this.client = client;
    this.index = index;
    this.dao = dao;
    this.settings = settings;
  }

  void scan(long deletionId, UUID userId, NameMatcher names, Runnable heartbeat) {
    try {
      if (!client.indices().exists(e -> e.index(index)).value()) {
        return;
      }
      scanPages(deletionId, userId, query(userId, names), names, heartbeat);
    } catch (IOException | ElasticsearchException e) {
      throw withoutValues(e);
    }
  }

  private void scanPages(
      long deletionId, UUID userId, Query query, NameMatcher names, Runnable heartbeat)
      throws IOException {
    String pit = client.openPointInTime(p -> p.index(index).keepAlive(KEEP_ALIVE)).id();
    try {
      List<FieldValue> after = null;
      while (true) {
        String pitId = pit;
        List<FieldValue> searchAfter = after;
        SearchResponse<JsonData> page =
            client.search(
                s -> {
                  s.pit(p -> p.id(pitId).keepAlive(KEEP_ALIVE))
                      .query(query)
                      .size(settings.pageSize())
                      .sort(o -> o.field(f -> f.field("_shard_doc")))
                      .seqNoPrimaryTerm(true)
                      .source(src -> src.filter(f -> f.includes("artist", "creator_id")));
                  return searchAfter == null ? s : s.searchAfter(searchAfter);
                },
                JsonData.class);
        if (page.pitId() != null) {
          pit = page.pitId();
        }
        List<Hit<JsonData>> hits = page.hits().hits();
        if (hits.isEmpty()) {
          return;
        }
        record(deletionId, userId, hits, names);
        heartbeat.run();
        if (hits.size() < settings.pageSize()) {
          return;
        }
        after = hits.get(hits.size() - 1).sort();
      }
    } finally {
      String pitId = pit;
      try {
        client.closePointInTime(c -> c.id(pitId));
      } catch (IOException | RuntimeException e) {
        // It expires after KEEP_ALIVE by itself.
      }
    }
  }

  private void record(long deletionId, UUID userId, List<Hit<JsonData>> hits, NameMatcher names)
      throws IOException {
    List<BulkOperation> rewrites = new ArrayList<>();
    for (Hit<JsonData> hit : hits) {
      JsonObject source = sourceOf(hit.source());
      String artist = stringField(source, "artist");
      UUID trackId = uuidOrNull(hit.id());
      // Checked here too: the must_not only excludes the user's docs where creator_id is a keyword.
      if (trackId == null
          || userId.toString().equals(stringField(source, "creator_id"))
          || !names.matches(artist)) {
        continue;
      }
      // Recorded before the rewrite: a retry after a rewrite that landed counts it still.
      dao.record(deletionId, ReferenceDao.SEARCH, trackId, settings.scrub());
      if (settings.scrub()) {
        String replaced = names.replaceAll(artist, ThirdPartyReferences.ANONYMOUS_ARTIST);
        JsonData doc = JsonData.of(Json.createObjectBuilder().add("artist", replaced).build());
        rewrites.add(
            BulkOperation.of(
                o ->
                    o.update(
                        u ->
                            u.id(hit.id())
                                .ifSeqNo(hit.seqNo())
                                .ifPrimaryTerm(hit.primaryTerm())
                                .action(a -> a.doc(doc)))));
      }
    }
    if (rewrites.isEmpty()) {
      return;
    }
    BulkResponse response = client.bulk(b -> b.index(index).operations(rewrites));
    for (BulkResponseItem item : response.items()) {
      // 409: the creator edited the doc since it was read; 404: it was deleted. Either way not
      // ours.
      if (item.error() != null && item.status() != 409 && item.status() != 404) {
        throw ApplicationFailure.newFailure(
            "Elasticsearch index "
                + index
                + ": _bulk item "
                + item.status()
                + " "
                + item.error().type(),
            "SEARCH_UNAVAILABLE");
      }
    }
  }

  private static Query query(UUID userId, NameMatcher names) {
    List<Query> anyName =
        names.names().stream()
            .flatMap(
                name ->
                    Stream.of(
                        Query.of(q -> q.matchPhrase(m -> m.field("artist").query(name))),
                        Query.of(
                            q ->
                                q.wildcard(
                                    w ->
                                        w.field("artist.raw")
                                            .value("*" + wildcardOf(name) + "*")
                                            .caseInsensitive(true)))))
            .toList();
    return Query.of(
        q ->
            q.bool(
                b ->
                    b.mustNot(m -> m.term(t -> t.field("creator_id").value(userId.toString())))
                        .should(anyName)
                        .minimumShouldMatch("1")));
  }

  /** The name's words, wildcard characters escaped, any run of characters between them. */
  private static String wildcardOf(String name) {
    String escaped = name.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
    return escaped.replaceAll("\\s+", "*");
  }

  private JsonObject sourceOf(JsonData source) {
    return source == null
        ? JsonValue.EMPTY_JSON_OBJECT
        : source.toJson(client._jsonpMapper()).asJsonObject();
  }

  private static String stringField(JsonObject source, String field) {
    return source.get(field) instanceof JsonString s ? s.getString() : null;
  }

  private static UUID uuidOrNull(String id) {
    try {
      return id == null ? null : UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The failure's status and Elasticsearch error type, never its reason: a reason can quote the
   * query, which holds the names.
   */
  private RuntimeException withoutValues(Exception e) {
    int status = 0;
    String type = null;
    if (e instanceof ElasticsearchException ee) {
      status = ee.status();
      type = ee.error() == null ? null : ee.error().type();
    } else if (e instanceof TransportException te) {
      status = te.statusCode();
    }
    String message =
        "Elasticsearch index "
            + index
            + ": "
            + (status > 0 ? status + " " : "")
            + (type != null ? type : e.getClass().getSimpleName());
    if (status == 401 || status == 403) {
      return ErasureErrors.AUTH_FAILED.failure(message);
    }
    if (status == 400 && type != null && REQUEST_SHAPE_ERRORS.contains(type)) {
      return ErasureErrors.SEARCH_MAPPING.failure(message);
    }
    return ApplicationFailure.newFailure(message, "SEARCH_UNAVAILABLE");
  }
}
