package com.veza.erasure.activities.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.veza.erasure.activities.db.Jdbis;
import com.veza.erasure.activities.db.Migrations;
import com.veza.erasure.activities.search.SearchClientFactory;
import com.veza.erasure.activities.search.SearchSettings;
import com.veza.erasure.testing.FreePorts;
import com.veza.erasure.testing.TestElasticsearch;
import com.veza.erasure.testing.TestPostgres;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Elasticsearch half of the coverage check, on the shared test node. */
class SearchCoverageTest {
  private static final TestElasticsearch ES = TestElasticsearch.shared();
  private static final String PREFIX = ES.uniqueIndexName("coverage") + "-";
  private static final String TRACKS = PREFIX + "tracks";
  private static final String COMMENTS = PREFIX + "comments";
  private static final String ALIASED = PREFIX + "likes-v2";
  private static final String ALIAS = PREFIX + "likes";

  private static ElasticsearchClient client;
  private static Jdbi jdbi;

  @BeforeAll
  static void createIndices() throws IOException {
    client = SearchClientFactory.create(SearchSettings.of(ES.httpUrl()));
    jdbi =
        Jdbis.create(
            TestPostgres.shared()
                .newDatabase("veza-erasure-postgres-v1", ds -> Migrations.migrate(ds, true))
                .dataSource());
    create(TRACKS, "{\"properties\":{\"creator_id\":{\"type\":\"keyword\"}}}");
    create(
        COMMENTS,
        "{\"properties\":{\"body\":{\"type\":\"text\"},"
            + "\"author\":{\"properties\":{\"user_id\":{\"type\":\"keyword\"}}},"
            + "\"mentions\":{\"type\":\"nested\",\"properties\":{\"email\":{\"type\":\"keyword\"}}}}}");
    create(ALIASED, "{\"properties\":{\"owner_id\":{\"type\":\"keyword\"}}}");
    client.indices().putAlias(a -> a.index(ALIASED).name(ALIAS));
  }

  @AfterAll
  static void deleteIndices() throws IOException {
    client.indices().delete(d -> d.index(TRACKS, COMMENTS, ALIASED));
    SearchClientFactory.close(client);
  }

  private static void create(String index, String mappings) throws IOException {
    client
        .indices()
        .create(c -> c.index(index).mappings(m -> m.withJson(new StringReader(mappings))));
  }

  private static CoverageReport check(ElasticsearchClient search, Set<String> named) {
    return CoverageCheck.of(
            jdbi, List.of("public"), search, PREFIX + "*", TestRules.reference(named))
        .run();
  }

  private static CoverageGap gap(String index, String field, String pattern) {
    return new CoverageGap(
        CoverageGap.Store.ELASTICSEARCH,
        index,
        field,
        "index not in the map, field name matches " + pattern);
  }

  @Test
  void givenIndicesNotInTheMap_itReportsEveryMatchingFieldByPathAlsoInsideObjects() {
    assertThat(check(client, Set.of(TRACKS)).gaps())
        .containsExactly(
            gap(COMMENTS, "author.user_id", "user_id"),
            gap(COMMENTS, "mentions.email", "email"),
            gap(ALIASED, "owner_id", "owner_id"));
  }

  @Test
  void givenEveryIndexNamedByNameOrAlias_itFindsNoGap() {
    CoverageReport report = check(client, Set.of(TRACKS, COMMENTS, ALIAS));

    assertThat(report.gaps()).isEmpty();
    assertThat(report.unchecked()).isEmpty();
  }

  @Test
  void givenElasticsearchUnreachable_itChecksPostgresAndSaysWhatItCouldNotCheck() {
    ElasticsearchClient dead =
        SearchClientFactory.create(SearchSettings.of("http://127.0.0.1:" + FreePorts.next()));
    try {
      CoverageReport report = check(dead, Set.of());

      assertThat(report.gaps()).isEmpty();
      assertThat(report.unchecked()).singleElement().asString().startsWith("elasticsearch (");
      assertThat(report.summary()).startsWith("no coverage gaps; not checked: elasticsearch (");
    } finally {
      SearchClientFactory.close(dead);
    }
  }
}
