package com.veza.erasure.worker;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.veza.erasure.activities.search.SearchClientFactory;
import com.veza.erasure.activities.search.SearchSettings;
import com.veza.erasure.testing.TestElasticsearch;
import java.io.IOException;
import java.io.StringReader;

/**
 * A tracks index on the shared test node whose {@code creator_id} is analysed text with no keyword
 * sub-field: the reference map's owner-field sweep cannot run a term query on it. Deleted on close.
 */
final class TextOwnerFieldIndex implements AutoCloseable {
  final String name;
  private final ElasticsearchClient admin;

  TextOwnerFieldIndex(String prefix) throws IOException {
    TestElasticsearch es = TestElasticsearch.shared();
    this.name = es.uniqueIndexName(prefix);
    this.admin = SearchClientFactory.create(SearchSettings.of(es.httpUrl()));
    admin
        .indices()
        .create(
            c ->
                c.index(name)
                    .withJson(
                        new StringReader(
                            """
                            {"mappings": {"properties": {
                              "creator_id": {"type": "text"}, "artist": {"type": "text"}}}}
                            """)));
  }

  @Override
  public void close() throws IOException {
    try {
      admin.indices().delete(d -> d.index(name).ignoreUnavailable(true));
    } finally {
      SearchClientFactory.close(admin);
    }
  }
}
