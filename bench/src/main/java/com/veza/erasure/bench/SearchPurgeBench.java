package com.veza.erasure.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import com.veza.erasure.activities.deletion.ContentIds;
import com.veza.erasure.activities.deletion.SearchIndexPurger;
import com.veza.erasure.activities.search.SearchClientFactory;
import com.veza.erasure.activities.search.SearchSettings;
import com.veza.erasure.testing.TestElasticsearch;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.http.HttpRequestInterceptor;

/**
 * R2: deleting one user's track docs from a large index. Ours (the search purge, bulk chunks of the
 * snapshot's pages) against a per-doc DELETE loop (the baseline) and one hand-written {@code _bulk}
 * of every id.
 */
final class SearchPurgeBench {

  private static final String MAPPING =
      """
      {"settings": {"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "-1",
                   "translog.durability": "async"},
       "mappings": {"properties": {
        "title": {"type": "text"},
        "artist": {"type": "text", "fields": {"raw": {"type": "keyword"}}},
        "creator_id": {"type": "keyword"},
        "creator_name": {"type": "text"},
        "is_public": {"type": "boolean"}}}}
      """;
  private static final int LOAD_CHUNK = 5_000;
  private static final int OTHER_USERS = 1_000;

  private final int docs;
  private final int userDocs;
  private final int rounds;
  private final AtomicLong requests = new AtomicLong();

  SearchPurgeBench(BenchArgs args) {
    this.docs = args.integer("docs", 1_000_000);
    this.userDocs = args.integer("user-docs", 10_000);
    this.rounds = args.integer("rounds", 3);
    args.requireAllRead();
    if (userDocs >= docs) {
      throw new IllegalArgumentException("--user-docs must be below --docs");
    }
  }

  private interface Variant {
    void delete(List<String> ids) throws IOException;
  }

  BenchResult run() throws IOException {
    String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    SearchSettings settings =
        SearchSettings.of(TestElasticsearch.shared().httpUrl()).withIndexPrefix(prefix);
    HttpRequestInterceptor counter = (request, context) -> requests.incrementAndGet();
    ElasticsearchClient client =
        SearchClientFactory.create(settings, http -> http.addInterceptorLast(counter));
    String index = settings.tracksIndex();
    client.indices().create(c -> c.index(index).withJson(new StringReader(MAPPING)));
    try {
      UUID user = UUID.randomUUID();
      List<String> userIds = new ArrayList<>();
      for (int i = 0; i < userDocs; i++) {
        userIds.add(UUID.randomUUID().toString());
      }
      long loadStart = System.nanoTime();
      loadNeighbours(client, index, docs - userDocs);
      Bench.progress(
          "loaded %,d neighbour docs in %s",
          docs - userDocs, Samples.seconds(System.nanoTime() - loadStart));

      // Measured as deployed: every write request durable before it is answered (the default).
      client
          .indices()
          .putSettings(
              p ->
                  p.index(index)
                      .withJson(new StringReader("{\"index.translog.durability\": \"request\"}")));
      SearchIndexPurger purger = new SearchIndexPurger(client, settings);
      Map<String, Variant> variants = new LinkedHashMap<>();
      variants.put("per-doc DELETE loop (baseline)", ids -> deleteOneByOne(client, index, ids));
      variants.put(
          "ours: search purge (`_bulk` chunks of " + settings.bulkChunkSize() + ")",
          ids -> purger.purge(user, ContentIds.ofPages("track", pages(ids, 5_000)), () -> {}));
      variants.put("one hand-written `_bulk` of every id", ids -> oneBulk(client, index, ids));

      List<String> names = new ArrayList<>(variants.keySet());
      Map<String, long[]> times = new LinkedHashMap<>();
      Map<String, Long> requestCounts = new LinkedHashMap<>();
      names.forEach(n -> times.put(n, new long[rounds]));
      for (int round = 0; round < rounds; round++) {
        for (int v = 0; v < names.size(); v++) {
          // Rotated order: no variant always runs first, on the coldest caches.
          String name = names.get((v + round) % names.size());
          index(client, index, user, userIds);
          requests.set(0);
          long start = System.nanoTime();
          variants.get(name).delete(userIds);
          times.get(name)[round] = System.nanoTime() - start;
          requestCounts.put(name, requests.get());
          requireGone(client, index, user);
          Bench.progress(
              "round %d %s: %s, %d requests",
              round + 1, name, Samples.millis(times.get(name)[round]), requestCounts.get(name));
        }
      }
      long neighbours = count(client, index, null);
      if (neighbours != docs - userDocs) {
        throw new IllegalStateException(
            "neighbour docs changed: " + neighbours + " left of " + (docs - userDocs));
      }

      long baseline = new Samples(times.get(names.get(0))).median();
      List<List<String>> rows = new ArrayList<>();
      for (String name : names) {
        long median = new Samples(times.get(name)).median();
        rows.add(
            List.of(
                name,
                Samples.millis(median),
                Long.toString(requestCounts.get(name)),
                Samples.ratio((double) baseline / median)));
      }
      long ours = new Samples(times.get(names.get(1))).median();
      long bulk = new Samples(times.get(names.get(2))).median();
      return new BenchResult(
          "R2 — Elasticsearch: one user's docs among many",
          String.format(
              Locale.ROOT,
              "%,d track docs of one user among %,d in one index (1 shard, no replica, %,d other"
                  + " users, default request durability), re-indexed before every variant; median of %d rounds in rotated"
                  + " order. Each variant's result is checked after a refresh: none of the user's"
                  + " docs left, every neighbour doc still there.",
              userDocs,
              docs,
              OTHER_USERS,
              rounds),
          List.of("variant", "median wall time", "HTTP requests", "speed vs baseline"),
          rows,
          String.format(
              Locale.ROOT,
              "Ours is %s faster than the per-doc loop and within %s of one hand-written `_bulk`"
                  + " (which holds every id in one request: unbounded in memory for a large"
                  + " account, where ours pages the snapshot).",
              Samples.ratio((double) baseline / ours),
              Samples.ratio((double) ours / bulk)));
    } finally {
      client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
      SearchClientFactory.close(client);
    }
  }

  private static void loadNeighbours(ElasticsearchClient client, String index, int count)
      throws IOException {
    List<UUID> owners = new ArrayList<>();
    for (int i = 0; i < OTHER_USERS; i++) {
      owners.add(UUID.randomUUID());
    }
    for (int from = 0; from < count; from += LOAD_CHUNK) {
      BulkRequest.Builder bulk = new BulkRequest.Builder();
      for (int i = from; i < Math.min(count, from + LOAD_CHUNK); i++) {
        UUID owner = owners.get(i % OTHER_USERS);
        Map<String, Object> doc = track(owner, i);
        String id = UUID.randomUUID().toString();
        bulk.operations(op -> op.index(x -> x.index(index).id(id).document(doc)));
      }
      requireOk(client.bulk(bulk.build()));
    }
    client.indices().refresh(r -> r.index(index));
  }

  private static void index(ElasticsearchClient client, String index, UUID user, List<String> ids)
      throws IOException {
    for (List<String> page : pages(ids, LOAD_CHUNK)) {
      BulkRequest.Builder bulk = new BulkRequest.Builder();
      int n = 0;
      for (String id : page) {
        Map<String, Object> doc = track(user, n++);
        bulk.operations(op -> op.index(x -> x.index(index).id(id).document(doc)));
      }
      requireOk(client.bulk(bulk.build()));
    }
    client.indices().refresh(r -> r.index(index));
  }

  private static Map<String, Object> track(UUID owner, int n) {
    return Map.of(
        "title",
        "Track " + n,
        "artist",
        "Artist " + (n % 97),
        "creator_id",
        owner.toString(),
        "creator_name",
        "user " + owner.toString().substring(0, 8),
        "is_public",
        n % 3 == 0);
  }

  private static void deleteOneByOne(ElasticsearchClient client, String index, List<String> ids)
      throws IOException {
    for (String id : ids) {
      client.delete(d -> d.index(index).id(id));
    }
  }

  private static void oneBulk(ElasticsearchClient client, String index, List<String> ids)
      throws IOException {
    BulkRequest.Builder bulk = new BulkRequest.Builder();
    for (String id : ids) {
      bulk.operations(op -> op.delete(d -> d.index(index).id(id)));
    }
    requireOk(client.bulk(bulk.build()));
  }

  private static void requireOk(BulkResponse response) {
    if (response.errors()) {
      throw new IllegalStateException("bulk request had errors: " + response.items().get(0));
    }
  }

  private static void requireGone(ElasticsearchClient client, String index, UUID user)
      throws IOException {
    client.indices().refresh(r -> r.index(index));
    long left = count(client, index, user);
    if (left != 0) {
      throw new IllegalStateException(left + " of the user's docs left after a variant");
    }
  }

  /** Docs of {@code owner}, or every doc when null (the measured user's are gone by then). */
  private static long count(ElasticsearchClient client, String index, UUID owner)
      throws IOException {
    client.indices().refresh(r -> r.index(index));
    return owner == null
        ? client.count(c -> c.index(index)).count()
        : client
            .count(
                c ->
                    c.index(index)
                        .query(q -> q.term(t -> t.field("creator_id").value(owner.toString()))))
            .count();
  }

  private static List<List<String>> pages(List<String> ids, int size) {
    List<List<String>> pages = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += size) {
      pages.add(ids.subList(from, Math.min(ids.size(), from + size)));
    }
    return pages;
  }
}
