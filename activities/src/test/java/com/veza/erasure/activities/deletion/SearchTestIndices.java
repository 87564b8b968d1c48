package com.veza.erasure.activities.deletion;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import com.veza.erasure.activities.erasuremap.ErasureMaps;
import com.veza.erasure.activities.search.SearchClientFactory;
import com.veza.erasure.activities.search.SearchSettings;
import com.veza.erasure.deletion.SearchIndexPurged;
import com.veza.erasure.deletion.SearchPurgeResult;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.http.HttpRequestInterceptor;

/**
 * One test's indices on the shared test Elasticsearch: a random name prefix keeps tests apart, an
 * admin client sets up and inspects documents, and {@link #purger} records every HTTP request the
 * code under test sends.
 */
final class SearchTestIndices implements AutoCloseable {
  static final String TRACKS_MAPPING =
      """
      {"mappings": {"properties": {
        "title": {"type": "text"},
        "artist": {"type": "text", "fields": {"raw": {"type": "keyword"}}},
        "creator_id": {"type": "keyword"},
        "creator_name": {"type": "text"},
        "is_public": {"type": "boolean"}}}}
      """;

  final SearchSettings settings;

  /** In front of every index name of this test: indices of a map of its own start with it too. */
  final String prefix;

  final ElasticsearchClient admin;
  private final List<ElasticsearchClient> clients = new ArrayList<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  SearchTestIndices(String url) {
    this.prefix = "t" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT) + "-";
    this.settings = SearchSettings.of(url).withIndexPrefix(prefix);
    this.admin = track(SearchClientFactory.create(settings));
  }

  /**
   * A purger of the reference map's indices by id only, whose client records {@code METHOD /path}
   * of every request it sends.
   */
  SearchIndexPurger purger() {
    return purger(settings);
  }

  /**
   * A recording purger of the reference map's indices, each swept by the owner field {@code
   * ownerFields} gives it (by id only when it gives none).
   */
  SearchIndexPurger purger(SearchSettings purgerSettings, Map<String, String> ownerFields) {
    List<SearchTarget> targets =
        SearchTarget.of(ErasureMaps.reference(), purgerSettings).stream()
            .map(t -> t.withOwnerField(ownerFields.get(t.name())))
            .toList();
    return purger(purgerSettings, targets);
  }

  /** The reference map's result: users, tracks and playlists docs deleted, kept tracks updated. */
  static SearchPurgeResult referenceResult(
      long users, long tracks, long anonymized, long playlists, Long tracksByField) {
    return SearchPurgeResult.ofIndices(
        List.of(
            new SearchIndexPurged("users", users, null, null),
            new SearchIndexPurged("tracks", tracks, anonymized, tracksByField),
            new SearchIndexPurged("playlists", playlists, null, null)));
  }

  /** A recording purger of the reference map's indices by id only, no owner-field sweep. */
  SearchIndexPurger purger(SearchSettings purgerSettings) {
    return purger(purgerSettings, Map.of());
  }

  SearchIndexPurger purger(SearchSettings purgerSettings, List<SearchTarget> targets) {
    HttpRequestInterceptor recorder =
        (request, context) ->
            requests.add(
                request.getRequestLine().getMethod() + " " + request.getRequestLine().getUri());
    ElasticsearchClient client =
        track(
            SearchClientFactory.create(purgerSettings, http -> http.addInterceptorLast(recorder)));
    return new SearchIndexPurger(client, purgerSettings, targets);
  }

  List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  void clearRequests() {
    requests.clear();
  }

  void createIndex(String index, String json) throws IOException {
    admin.indices().create(c -> c.index(index).withJson(new StringReader(json)));
  }

  void createIndex(String index) throws IOException {
    admin.indices().create(c -> c.index(index));
  }

  void closeIndex(String index) throws IOException {
    admin.indices().close(c -> c.index(index));
  }

  /** Indexes {@code docs} (id → source) in one refreshed bulk, failing on any item error. */
  void index(String index, Map<String, Map<String, Object>> docs) throws IOException {
    List<BulkOperation> ops = new ArrayList<>();
    docs.forEach((id, doc) -> ops.add(BulkOperation.of(o -> o.index(i -> i.id(id).document(doc)))));
    var response = admin.bulk(b -> b.index(index).refresh(Refresh.True).operations(ops));
    if (response.errors()) {
      throw new IllegalStateException("test setup bulk failed: " + response.items().get(0).error());
    }
  }

  void index(String index, String id, Map<String, Object> doc) throws IOException {
    index(index, Map.of(id, doc));
  }

  boolean exists(String index, String id) throws IOException {
    return admin.exists(e -> e.index(index).id(id)).value();
  }

  boolean indexExists(String index) throws IOException {
    return admin.indices().exists(e -> e.index(index)).value();
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> source(String index, String id) throws IOException {
    return admin.get(g -> g.index(index).id(id), Map.class).source();
  }

  private ElasticsearchClient track(ElasticsearchClient client) {
    clients.add(client);
    return client;
  }

  @Override
  public void close() throws IOException {
    try {
      admin
          .indices()
          .delete(
              d ->
                  d.index(settings.usersIndex(), settings.tracksIndex(), settings.playlistsIndex())
                      .ignoreUnavailable(true));
    } finally {
      clients.forEach(SearchClientFactory::close);
    }
  }
}
