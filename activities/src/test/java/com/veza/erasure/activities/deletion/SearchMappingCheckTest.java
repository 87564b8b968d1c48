package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.veza.erasure.activities.erasuremap.ErasureMapException;
import com.veza.erasure.activities.erasuremap.ErasureMaps;
import com.veza.erasure.activities.search.SearchClientFactory;
import com.veza.erasure.activities.search.SearchSettings;
import com.veza.erasure.testing.TestElasticsearch;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The erasure map's search rules against real index mappings (docs/describe-your-schema.md). */
class SearchMappingCheckTest {
  private SearchTestIndices es;

  @BeforeEach
  void setUp() {
    es = new SearchTestIndices(TestElasticsearch.shared().httpUrl());
  }

  @AfterEach
  void tearDown() throws IOException {
    es.close();
  }

  @Test
  void givenTheReferenceMapAndATracksIndex_whenChecked_itFindsNoProblemAndSkipsMissingIndices()
      throws IOException {
    es.createIndex(es.settings.tracksIndex(), SearchTestIndices.TRACKS_MAPPING);

    SearchMappingCheck.Result result = check(reference());

    assertThat(result.reachable()).isTrue();
    assertThat(result.problems()).isEmpty();
    assertThat(result.notChecked())
        .containsExactly(
            "elasticsearch.indices[0] (users): index "
                + es.settings.usersIndex()
                + " does not exist",
            "elasticsearch.indices[2] (playlists): index "
                + es.settings.playlistsIndex()
                + " does not exist");
  }

  @Test
  void givenAnOwnerFieldTheIndexDoesNotMap_whenChecked_itNamesTheRuleAndTheField()
      throws IOException {
    es.createIndex(es.settings.tracksIndex(), SearchTestIndices.TRACKS_MAPPING);
    List<SearchTarget> targets =
        reference().stream()
            .map(t -> t.name().equals("tracks") ? t.withOwnerField("owner_id") : t)
            .toList();

    SearchMappingCheck.Result result = check(targets);

    assertThat(result.problems())
        .containsExactly(
            "elasticsearch.indices[1] (tracks): ownerField owner_id is not in the mapping of index "
                + es.settings.tracksIndex());
    assertThatThrownBy(() -> result.throwIfInvalid("map.yml"))
        .isInstanceOf(ErasureMapException.class)
        .hasMessageContaining("erasure map map.yml does not fit the Elasticsearch mappings")
        .hasMessageContaining("ownerField owner_id");
  }

  @Test
  void givenAKeepUpdateOfAFieldTheIndexDoesNotMap_whenChecked_itNamesItButNotAFieldOnlyCleared()
      throws IOException {
    es.createIndex(es.settings.tracksIndex(), SearchTestIndices.TRACKS_MAPPING);
    Map<String, Object> update = new LinkedHashMap<>();
    // A typo: the real artist field would keep the user's name.
    update.put("artst", "Anonymous artist");
    update.put("never_indexed", null);
    SearchTarget tracks =
        new SearchTarget(
            "tracks",
            es.settings.tracksIndex(),
            false,
            "track",
            update,
            "creator_id",
            "elasticsearch.indices[1] (tracks)",
            false);

    SearchMappingCheck.Result result = check(List.of(tracks));

    assertThat(result.problems())
        .containsExactly(
            "elasticsearch.indices[1] (tracks): keep.update field artst is not in the mapping of"
                + " index "
                + es.settings.tracksIndex()
                + ": the update would add it and leave the real field as it is");
  }

  @Test
  void givenAMissingIndexNotMarkedOptional_whenChecked_itIsAProblemNamingTheRule() {
    List<SearchTarget> targets =
        reference().stream()
            .map(
                t ->
                    new SearchTarget(
                        t.name(),
                        t.index() + "-misspelt",
                        t.subjectDoc(),
                        t.snapshotKind(),
                        t.keepUpdate(),
                        t.ownerField(),
                        t.rule(),
                        t.name().equals("playlists")))
            .toList();

    SearchMappingCheck.Result result = check(targets);

    assertThat(result.problems())
        .containsExactly(
            "elasticsearch.indices[0] (users): index "
                + es.settings.usersIndex()
                + "-misspelt does not exist (optional: true if the platform creates it later)",
            "elasticsearch.indices[1] (tracks): index "
                + es.settings.tracksIndex()
                + "-misspelt does not exist (optional: true if the platform creates it later)");
    assertThat(result.notChecked())
        .containsExactly(
            "elasticsearch.indices[2] (playlists): index "
                + es.settings.playlistsIndex()
                + "-misspelt does not exist");
  }

  @Test
  void givenAnIndexWithoutMappingYet_whenChecked_itHasNothingToCheck() throws IOException {
    es.createIndex(es.settings.tracksIndex());

    SearchMappingCheck.Result result = check(reference());

    assertThat(result.problems()).isEmpty();
    assertThat(result.notChecked())
        .contains(
            "elasticsearch.indices[1] (tracks): index "
                + es.settings.tracksIndex()
                + " has no mapping yet");
  }

  @Test
  void givenElasticsearchUnreachable_whenChecked_itChecksNothingAndFindsNoProblem()
      throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SearchSettings nowhere =
        SearchSettings.of("http://127.0.0.1:" + closedPort)
            .withRequestTimeout(Duration.ofSeconds(2));
    ElasticsearchClient client = SearchClientFactory.create(nowhere);
    try {
      SearchMappingCheck.Result result =
          new SearchMappingCheck(client).check(SearchTarget.of(ErasureMaps.reference(), nowhere));

      assertThat(result.reachable()).isFalse();
      assertThat(result.problems()).isEmpty();
    } finally {
      SearchClientFactory.close(client);
    }
  }

  private List<SearchTarget> reference() {
    return SearchTarget.of(ErasureMaps.reference(), es.settings);
  }

  private SearchMappingCheck.Result check(List<SearchTarget> targets) {
    return new SearchMappingCheck(es.admin).check(targets);
  }
}
