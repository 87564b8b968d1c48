package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.veza.erasure.activities.search.SearchSettings;
import com.veza.erasure.deletion.OwnedContent;
import com.veza.erasure.deletion.SearchPurgeResult;
import com.veza.erasure.testing.TcpProxy;
import com.veza.erasure.testing.TestElasticsearch;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real Elasticsearch 8.19: every index name is unique to one test. */
class SearchIndexPurgerTest {
  static final UUID VICTIM = UUID.fromString("3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a51");

  /** Shares 35 of 36 characters with VICTIM: a prefix match would catch it. */
  static final UUID NEIGHBOUR = UUID.fromString("3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a52");

  static final String PUBLIC_1 = "aaaaaaaa-0000-4000-8000-000000000001";
  static final String PUBLIC_2 = "aaaaaaaa-0000-4000-8000-000000000002";
  static final String PRIVATE_1 = "aaaaaaaa-0000-4000-8000-000000000003";
  static final String NEIGHBOUR_TRACK = "aaaaaaaa-0000-4000-8000-0000000000031";
  static final String PLAYLIST_1 = "bbbbbbbb-0000-4000-8000-000000000001";
  static final String PLAYLIST_2 = "bbbbbbbb-0000-4000-8000-000000000002";
  static final String NEIGHBOUR_PLAYLIST = "bbbbbbbb-0000-4000-8000-000000000012";

  static final OwnedContent VICTIM_CONTENT =
      new OwnedContent(
          List.of(PUBLIC_1, PUBLIC_2, PRIVATE_1),
          List.of(PUBLIC_1, PUBLIC_2),
          List.of(PLAYLIST_1, PLAYLIST_2));

  SearchTestIndices es;
  SearchSettings settings;
  AtomicInteger heartbeats = new AtomicInteger();

  @BeforeEach
  void setUp() {
    es = new SearchTestIndices(TestElasticsearch.shared().httpUrl());
    settings = es.settings;
  }

  @AfterEach
  void tearDown() throws IOException {
    es.close();
  }

  @Test
  void givenAllTracksRemoved_whenPurging_itDeletesExactlyTheUsersIdsAndLeavesTheNeighbours()
      throws IOException {
    seedVictimAndNeighbour();
    SearchIndexPurger purger = es.purger();
    assertThat(purger.countRemaining(VICTIM, false, VICTIM_CONTENT)).isEqualTo(6);

    SearchPurgeResult result =
        purger.purge(VICTIM, false, VICTIM_CONTENT, heartbeats::incrementAndGet);

    assertThat(result).isEqualTo(SearchTestIndices.referenceResult(1, 3, 0, 2, null));
    assertThat(purger.countRemaining(VICTIM, false, VICTIM_CONTENT)).isZero();
    assertThat(es.exists(settings.usersIndex(), VICTIM.toString())).isFalse();
    for (String id : List.of(PUBLIC_1, PUBLIC_2, PRIVATE_1)) {
      assertThat(es.exists(settings.tracksIndex(), id)).as(id).isFalse();
    }
    assertThat(es.exists(settings.playlistsIndex(), PLAYLIST_1)).isFalse();
    assertThat(es.exists(settings.playlistsIndex(), PLAYLIST_2)).isFalse();
    assertNeighbourUntouched();
    assertThat(heartbeats.get())
        .isEqualTo(3); // users delete, one tracks chunk, one playlists chunk
  }

  @Test
  void givenKeepPublicTracks_whenPurging_itAnonymizesPublicTracksAndDeletesThePrivateOne()
      throws IOException {
    seedVictimAndNeighbour();
    SearchIndexPurger purger = es.purger();
    // users doc + private track + 2 public tracks still named + 2 playlists
    assertThat(purger.countRemaining(VICTIM, true, VICTIM_CONTENT)).isEqualTo(6);

    SearchPurgeResult result =
        purger.purge(VICTIM, true, VICTIM_CONTENT, heartbeats::incrementAndGet);

    assertThat(result).isEqualTo(SearchTestIndices.referenceResult(1, 1, 2, 2, null));
    assertThat(es.exists(settings.tracksIndex(), PRIVATE_1)).isFalse();
    for (String id : List.of(PUBLIC_1, PUBLIC_2)) {
      Map<String, Object> doc = es.source(settings.tracksIndex(), id);
      assertThat(doc)
          .containsEntry("artist", AnonymizedValues.ARTIST)
          .containsEntry("creator_name", null)
          .containsEntry("title", "Song " + id)
          .containsEntry("creator_id", VICTIM.toString())
          .containsEntry("is_public", true);
    }
    assertThat(purger.countRemaining(VICTIM, true, VICTIM_CONTENT)).isZero();
    assertNeighbourUntouched();

    // A retried attempt finds everything done and reports the same anonymized tracks.
    SearchPurgeResult retry =
        purger.purge(VICTIM, true, VICTIM_CONTENT, heartbeats::incrementAndGet);
    assertThat(retry).isEqualTo(SearchTestIndices.referenceResult(0, 0, 2, 0, null));
  }

  @Test
  void givenNoTracksOrPlaylists_whenPurging_itSendsNoRequestToThoseIndices() throws IOException {
    es.index(settings.usersIndex(), VICTIM.toString(), Map.of("display_name", "Victim Name"));
    es.index(
        settings.playlistsIndex(),
        NEIGHBOUR_PLAYLIST,
        Map.of("name", "Theirs", "owner_id", NEIGHBOUR.toString()));
    SearchIndexPurger purger = es.purger();
    es.clearRequests();

    SearchPurgeResult result =
        purger.purge(VICTIM, true, OwnedContent.empty(), heartbeats::incrementAndGet);

    assertThat(result).isEqualTo(SearchTestIndices.referenceResult(1, 0, 0, 0, null));
    // The only request is the users doc delete: no _bulk, no existence check, nothing else.
    assertThat(es.requests())
        .containsExactly("DELETE /" + settings.usersIndex() + "/_doc/" + VICTIM);
    assertThat(es.indexExists(settings.tracksIndex())).isFalse();
    assertThat(es.exists(settings.playlistsIndex(), NEIGHBOUR_PLAYLIST)).isTrue();
  }

  @Test
  void givenMoreIdsThanOneChunk_whenPurging_itDeletesThemInChunks() throws IOException {
    List<String> playlistIds =
        IntStream.range(0, 2_500).mapToObj(i -> UUID.randomUUID().toString()).toList();
    Map<String, Map<String, Object>> docs = new LinkedHashMap<>();
    playlistIds.forEach(id -> docs.put(id, Map.of("name", "p", "owner_id", VICTIM.toString())));
    docs.put(NEIGHBOUR_PLAYLIST, Map.of("name", "Theirs", "owner_id", NEIGHBOUR.toString()));
    es.index(settings.playlistsIndex(), docs);
    OwnedContent content = new OwnedContent(List.of(), List.of(), playlistIds);
    SearchIndexPurger purger = es.purger(settings.withBulkChunkSize(1_000));
    assertThat(purger.countRemaining(VICTIM, false, content)).isEqualTo(2_500);
    es.clearRequests();

    SearchPurgeResult result = purger.purge(VICTIM, false, content, heartbeats::incrementAndGet);

    assertThat(result.indices().get(2).deleted()).isEqualTo(2_500);
    assertThat(es.requests())
        .filteredOn(r -> r.endsWith("/_bulk"))
        .hasSize(3)
        .allMatch(r -> r.equals("POST /" + settings.playlistsIndex() + "/_bulk"));
    assertThat(heartbeats.get()).isEqualTo(3); // one per chunk; the users index does not exist
    assertThat(purger.countRemaining(VICTIM, false, content)).isZero();
    assertThat(es.exists(settings.playlistsIndex(), NEIGHBOUR_PLAYLIST)).isTrue();
  }

  @Test
  void givenMissingIndices_whenPurging_itSucceedsWithNothingDeletedAndCreatesNoIndex()
      throws IOException {
    SearchIndexPurger purger = es.purger();

    SearchPurgeResult result =
        purger.purge(VICTIM, true, VICTIM_CONTENT, heartbeats::incrementAndGet);

    assertThat(result).isEqualTo(SearchTestIndices.referenceResult(0, 0, 0, 0, null));
    assertThat(purger.countRemaining(VICTIM, true, VICTIM_CONTENT)).isZero();
    // A _bulk write would have auto-created them.
    assertThat(es.indexExists(settings.usersIndex())).isFalse();
    assertThat(es.indexExists(settings.tracksIndex())).isFalse();
    assertThat(es.indexExists(settings.playlistsIndex())).isFalse();
  }

  @Test
  void givenMissingDocsInExistingIndices_whenPurging_itSucceedsWithNothingDeleted()
      throws IOException {
    es.createIndex(settings.usersIndex());
    es.createIndex(settings.tracksIndex(), SearchTestIndices.TRACKS_MAPPING);
    es.createIndex(settings.playlistsIndex());
    SearchIndexPurger purger = es.purger();

    assertThat(purger.purge(VICTIM, true, VICTIM_CONTENT, heartbeats::incrementAndGet))
        .isEqualTo(SearchTestIndices.referenceResult(0, 0, 0, 0, null));
    assertThat(purger.purge(VICTIM, false, VICTIM_CONTENT, heartbeats::incrementAndGet))
        .isEqualTo(SearchTestIndices.referenceResult(0, 0, 0, 0, null));
  }

  @Test
  void givenATracksMappingThatRejectsTheUpdate_itPurgesTheOtherIndicesAndFailsNonRetryable()
      throws IOException {
    seedUsersAndPlaylists();
    // "artist" mapped as a number: the anonymizing update cannot be indexed, on any attempt.
    es.createIndex(
        settings.tracksIndex(),
        "{\"mappings\":{\"properties\":{\"artist\":{\"type\":\"integer\"}}}}");
    es.index(
        settings.tracksIndex(),
        withoutArtist(trackDocs(VICTIM, "Victim Name", List.of(PUBLIC_1, PRIVATE_1), true)));
    SearchIndexPurger purger = es.purger();

    Throwable thrown =
        catchThrowable(
            () -> purger.purge(VICTIM, true, VICTIM_CONTENT, heartbeats::incrementAndGet));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("SEARCH_MAPPING");
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage())
                  .contains(settings.tracksIndex(), "document_parsing_exception");
              // Elasticsearch's reason quotes the refused value; it must not reach logs, status or
              // receipt.
              assertThat(failure.getOriginalMessage())
                  .doesNotContain("Anonymous artist", "Preview");
              assertThat(failure.getCause()).isNull();
            });
    assertThat(es.exists(settings.usersIndex(), VICTIM.toString())).isFalse();
    assertThat(es.exists(settings.tracksIndex(), PRIVATE_1)).isFalse();
    assertThat(es.exists(settings.playlistsIndex(), PLAYLIST_1)).isFalse();
    assertThat(es.exists(settings.playlistsIndex(), PLAYLIST_2)).isFalse();
    assertThat(purger.countRemaining(VICTIM, true, VICTIM_CONTENT))
        .isEqualTo(1); // the named public track
  }

  @Test
  void givenAClosedUsersIndexAndABadTracksMapping_itTriesEveryIndexAndThrowsTheFirstError()
      throws IOException {
    seedUsersAndPlaylists();
    es.closeIndex(settings.usersIndex());
    es.createIndex(
        settings.tracksIndex(),
        "{\"mappings\":{\"properties\":{\"artist\":{\"type\":\"integer\"}}}}");
    es.index(
        settings.tracksIndex(),
        withoutArtist(trackDocs(VICTIM, "Victim Name", List.of(PUBLIC_1, PRIVATE_1), true)));
    SearchIndexPurger purger = es.purger();

    Throwable thrown =
        catchThrowable(
            () -> purger.purge(VICTIM, true, VICTIM_CONTENT, heartbeats::incrementAndGet));

    // First: the users index, closed — an operator can reopen it, so retrying makes sense.
    assertThat(thrown)
        .isInstanceOf(SearchStoreException.class)
        .hasMessageContaining(settings.usersIndex())
        .hasMessageContaining("index_closed_exception");
    assertThat(thrown.getSuppressed()).hasSize(1);
    assertThat(thrown.getSuppressed()[0])
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo("SEARCH_MAPPING"));
    // ... and still the tracks delete and the playlists ran.
    assertThat(es.exists(settings.tracksIndex(), PRIVATE_1)).isFalse();
    assertThat(es.exists(settings.playlistsIndex(), PLAYLIST_1)).isFalse();
    assertThat(es.exists(settings.playlistsIndex(), PLAYLIST_2)).isFalse();
    assertThat(es.exists(settings.playlistsIndex(), NEIGHBOUR_PLAYLIST)).isTrue();
  }

  @Test
  void givenUnreachableElasticsearch_whenPurgingOrCounting_itFailsFastAndRetryable()
      throws IOException {
    int freePort;
    try (ServerSocket socket = new ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }
    SearchSettings nowhere =
        SearchSettings.of("http://127.0.0.1:" + freePort).withIndexPrefix("x-");
    SearchIndexPurger purger = es.purger(nowhere);

    long start = System.nanoTime();
    Throwable purgeFailure =
        catchThrowable(
            () -> purger.purge(VICTIM, true, VICTIM_CONTENT, heartbeats::incrementAndGet));
    Throwable countFailure =
        catchThrowable(() -> purger.countRemaining(VICTIM, true, VICTIM_CONTENT));
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(purgeFailure)
        .isInstanceOf(SearchStoreException.class)
        .hasMessageContaining("x-users");
    // tracks (delete and anonymize) and playlists were tried too
    assertThat(purgeFailure.getSuppressed())
        .hasSize(3)
        .allMatch(SearchStoreException.class::isInstance);
    assertThat(countFailure).isInstanceOf(SearchStoreException.class);
    assertThat(millis).isLessThan(5_000);
    assertThat(heartbeats.get()).isZero();
  }

  @Test
  void givenTheLinkToElasticsearchCut_whenPurging_itFailsRetryableAndTheNextAttemptSucceeds()
      throws IOException {
    seedUsersAndPlaylists();
    URI es = URI.create(TestElasticsearch.shared().httpUrl());
    try (TcpProxy proxy = TcpProxy.start(es.getHost(), es.getPort())) {
      SearchSettings viaProxy =
          new SearchSettings(
              "http://" + proxy.host() + ":" + proxy.port(),
              null,
              null,
              null,
              settings.usersIndex(),
              settings.tracksIndex(),
              settings.playlistsIndex(),
              0,
              null);
      SearchIndexPurger purger = this.es.purger(viaProxy);

      proxy.cut();
      Throwable thrown =
          catchThrowable(
              () -> purger.purge(VICTIM, false, VICTIM_CONTENT, heartbeats::incrementAndGet));
      assertThat(thrown).isInstanceOf(SearchStoreException.class);
      assertThat(this.es.exists(settings.usersIndex(), VICTIM.toString())).isTrue();

      proxy.restore();
      assertThat(purger.purge(VICTIM, false, VICTIM_CONTENT, heartbeats::incrementAndGet))
          .isEqualTo(SearchTestIndices.referenceResult(1, 0, 0, 2, null));
    }
  }

  @Test
  void givenAHungElasticsearch_whenPurging_itTimesOutRetryableAfterTheRequestTimeout()
      throws IOException {
    seedUsersAndPlaylists();
    URI es = URI.create(TestElasticsearch.shared().httpUrl());
    try (TcpProxy proxy = TcpProxy.start(es.getHost(), es.getPort())) {
      SearchSettings viaProxy =
          new SearchSettings(
              "http://" + proxy.host() + ":" + proxy.port(),
              null,
              null,
              null,
              settings.usersIndex(),
              settings.tracksIndex(),
              settings.playlistsIndex(),
              0,
              Duration.ofMillis(500));
      SearchIndexPurger purger = this.es.purger(viaProxy);
      proxy.stall();

      long start = System.nanoTime();
      Throwable thrown = catchThrowable(() -> purger.countRemaining(VICTIM, false, VICTIM_CONTENT));
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(thrown)
          .isInstanceOf(SearchStoreException.class)
          .hasMessageContaining("SocketTimeoutException");
      assertThat(millis).isBetween(400L, 3_000L);
    }
  }

  private void seedVictimAndNeighbour() throws IOException {
    seedUsersAndPlaylists();
    es.createIndex(settings.tracksIndex(), SearchTestIndices.TRACKS_MAPPING);
    Map<String, Map<String, Object>> tracks = new HashMap<>();
    tracks.putAll(trackDocs(VICTIM, "Victim Name", List.of(PUBLIC_1, PUBLIC_2), true));
    tracks.putAll(trackDocs(VICTIM, "Victim Name", List.of(PRIVATE_1), false));
    tracks.putAll(trackDocs(NEIGHBOUR, "Neighbour Name", List.of(NEIGHBOUR_TRACK), true));
    es.index(settings.tracksIndex(), tracks);
  }

  private void seedUsersAndPlaylists() throws IOException {
    es.index(
        settings.usersIndex(),
        Map.of(
            VICTIM.toString(), Map.of("display_name", "Victim Name"),
            NEIGHBOUR.toString(), Map.of("display_name", "Neighbour Name")));
    es.index(
        settings.playlistsIndex(),
        Map.of(
            PLAYLIST_1, Map.of("name", "Mine 1", "owner_id", VICTIM.toString()),
            PLAYLIST_2, Map.of("name", "Mine 2", "owner_id", VICTIM.toString()),
            NEIGHBOUR_PLAYLIST, Map.of("name", "Theirs", "owner_id", NEIGHBOUR.toString())));
  }

  private void assertNeighbourUntouched() throws IOException {
    assertThat(es.exists(settings.usersIndex(), NEIGHBOUR.toString())).isTrue();
    assertThat(es.exists(settings.playlistsIndex(), NEIGHBOUR_PLAYLIST)).isTrue();
    assertThat(es.source(settings.tracksIndex(), NEIGHBOUR_TRACK))
        .containsEntry("artist", "Neighbour Name")
        .containsEntry("creator_name", "Neighbour Name");
  }

  /** For an index that maps "artist" as a number: the docs go in, the anonymizing update cannot. */
  static Map<String, Map<String, Object>> withoutArtist(Map<String, Map<String, Object>> docs) {
    docs.values().forEach(doc -> doc.remove("artist"));
    return docs;
  }

  /** Track docs in the shape {@link SearchIndexPurger} documents. */
  static Map<String, Map<String, Object>> trackDocs(
      UUID creator, String name, List<String> ids, boolean isPublic) {
    Map<String, Map<String, Object>> docs = new LinkedHashMap<>();
    for (String id : ids) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("title", "Song " + id);
      doc.put("artist", name);
      doc.put("creator_id", creator.toString());
      doc.put("creator_name", name);
      doc.put("is_public", isPublic);
      docs.put(id, doc);
    }
    return docs;
  }
}
