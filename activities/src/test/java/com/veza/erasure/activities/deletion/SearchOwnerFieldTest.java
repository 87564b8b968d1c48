package com.veza.erasure.activities.deletion;

import static com.veza.erasure.activities.deletion.SearchIndexPurgerTest.NEIGHBOUR;
import static com.veza.erasure.activities.deletion.SearchIndexPurgerTest.NEIGHBOUR_TRACK;
import static com.veza.erasure.activities.deletion.SearchIndexPurgerTest.PRIVATE_1;
import static com.veza.erasure.activities.deletion.SearchIndexPurgerTest.PUBLIC_1;
import static com.veza.erasure.activities.deletion.SearchIndexPurgerTest.PUBLIC_2;
import static com.veza.erasure.activities.deletion.SearchIndexPurgerTest.VICTIM;
import static com.veza.erasure.activities.deletion.SearchIndexPurgerTest.VICTIM_CONTENT;
import static com.veza.erasure.activities.deletion.SearchIndexPurgerTest.trackDocs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.veza.erasure.activities.search.SearchSettings;
import com.veza.erasure.deletion.AnonymizeInput;
import com.veza.erasure.deletion.LedgerRef;
import com.veza.erasure.deletion.MarkPendingInput;
import com.veza.erasure.deletion.OwnedContent;
import com.veza.erasure.deletion.SearchIndexLeft;
import com.veza.erasure.deletion.SearchIndexPurged;
import com.veza.erasure.deletion.SearchPurgeResult;
import com.veza.erasure.testing.TestElasticsearch;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The by-owner-field sweep (docs/design.md#search-purge) against a real Elasticsearch 8.19: docs
 * whose {@code creator_id} is the user but which the content snapshot does not name.
 */
class SearchOwnerFieldTest {
  /** A track of the user that PostgreSQL no longer knows: deleted earlier, or indexed late. */
  static final String ORPHAN = "cccccccc-0000-4000-8000-000000000001";

  /** The neighbour's, with an id sharing all but the last character with the orphan's. */
  static final String NEIGHBOUR_ORPHAN = "cccccccc-0000-4000-8000-000000000002";

  /** The reference map's sweep: track docs by {@code creator_id}. */
  static final Map<String, String> CREATOR_ID = Map.of("tracks", "creator_id");

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
  void givenADocOfTheUserMissingFromTheSnapshot_whenPurging_itDeletesItAndCountsItByField()
      throws IOException {
    seedTracks(true);
    SearchIndexPurger purger = es.purger(settings, CREATOR_ID);
    SearchDocsLeft before =
        purger.countLeft(VICTIM, ContentIds.of(VICTIM_CONTENT, false), () -> {});
    // By id: the three snapshot tracks. By field: those three and the orphan.
    assertThat(before.perIndex().get(settings.tracksIndex())).isEqualTo(new SearchIndexLeft(3, 4L));

    SearchPurgeResult result =
        purger.purge(VICTIM, false, VICTIM_CONTENT, heartbeats::incrementAndGet);

    assertThat(result).isEqualTo(SearchTestIndices.referenceResult(0, 3, 0, 0, 1L));
    assertThat(es.exists(settings.tracksIndex(), ORPHAN)).isFalse();
    assertNeighbourUntouched();
    SearchDocsLeft after = purger.countLeft(VICTIM, ContentIds.of(VICTIM_CONTENT, false), () -> {});
    assertThat(after.byId()).isZero();
    assertThat(after.byField()).isZero();
    // Opened, searched, closed: no point in time is left to expire on the cluster.
    assertThat(es.requests()).anyMatch(r -> r.startsWith("DELETE /_pit"));
  }

  @Test
  void givenKeepPublicTracksAndASnapshot_whenPurging_itUpdatesKeptDocsAndDeletesTheOrphan()
      throws IOException {
    Jdbi jdbi = PlatformRows.freshDatabase();
    PlatformRows rows = new PlatformRows(jdbi);
    Instant now = Instant.parse("2026-11-26T10:00:00Z");
    AccountActivitiesImpl account =
        new AccountActivitiesImpl(jdbi, Clock.fixed(now, ZoneOffset.UTC));
    LedgerRef ref = new LedgerRef(VICTIM.toString(), "account-deletion-" + VICTIM, "run-1");
    rows.user(VICTIM, "jane");
    UUID kept = rows.track(VICTIM, true, "Jane Doe");
    UUID removed = rows.track(VICTIM, false, "Jane Doe");
    account.markPendingDeletion(
        new MarkPendingInput(ref, true, "user", now, now.plus(Duration.ofDays(30))));
    account.snapshotOwnedContent(ref);
    account.anonymizeAccount(new AnonymizeInput(ref, true, null));
    es.createIndex(settings.tracksIndex(), SearchTestIndices.TRACKS_MAPPING);
    Map<String, Map<String, Object>> docs = new HashMap<>();
    docs.putAll(trackDocs(VICTIM, "Jane Doe", List.of(kept.toString(), ORPHAN), true));
    docs.putAll(trackDocs(VICTIM, "Jane Doe", List.of(removed.toString()), false));
    docs.putAll(trackDocs(NEIGHBOUR, "John Roe", List.of(NEIGHBOUR_ORPHAN), true));
    es.index(settings.tracksIndex(), docs);
    ContentIds content = new ContentSnapshots(jdbi, 1).read(ref, true);
    SearchIndexPurger purger = es.purger(settings, CREATOR_ID);

    SearchPurgeResult result = purger.purge(VICTIM, content, heartbeats::incrementAndGet);

    assertThat(tracks(result).deleted()).isEqualTo(1);
    assertThat(tracks(result).anonymized()).isEqualTo(1);
    // The orphan is public too, but no kept row names it: only the snapshot decides what is kept.
    assertThat(tracks(result).deletedByField()).isEqualTo(1);
    assertThat(es.exists(settings.tracksIndex(), ORPHAN)).isFalse();
    assertThat(es.exists(settings.tracksIndex(), removed.toString())).isFalse();
    assertThat(es.source(settings.tracksIndex(), kept.toString()))
        .containsEntry("artist", AnonymizedValues.ARTIST)
        .containsEntry("creator_name", null)
        .containsEntry("creator_id", VICTIM.toString());
    assertThat(es.exists(settings.tracksIndex(), NEIGHBOUR_ORPHAN)).isTrue();
    SearchDocsLeft left = purger.countLeft(VICTIM, content, () -> {});
    assertThat(left.perIndex().get(settings.tracksIndex())).isEqualTo(new SearchIndexLeft(0, 0L));
  }

  @Test
  void givenMoreOrphansThanOnePage_whenPurging_itDeletesThemAllPageByPage() throws IOException {
    es.createIndex(settings.tracksIndex(), SearchTestIndices.TRACKS_MAPPING);
    List<String> orphans =
        IntStream.range(0, 25).mapToObj(i -> UUID.randomUUID().toString()).toList();
    Map<String, Map<String, Object>> docs =
        new HashMap<>(trackDocs(VICTIM, "Jane", orphans, false));
    docs.putAll(trackDocs(NEIGHBOUR, "John", List.of(NEIGHBOUR_ORPHAN), false));
    es.index(settings.tracksIndex(), docs);
    SearchIndexPurger purger =
        es.purger(settings.withSearchPageSize(10).withBulkChunkSize(4), CREATOR_ID);
    es.clearRequests();

    SearchPurgeResult result =
        purger.purge(VICTIM, false, OwnedContent.empty(), heartbeats::incrementAndGet);

    assertThat(tracks(result).deletedByField()).isEqualTo(25);
    for (String id : orphans) {
      assertThat(es.exists(settings.tracksIndex(), id)).as(id).isFalse();
    }
    assertThat(es.exists(settings.tracksIndex(), NEIGHBOUR_ORPHAN)).isTrue();
    // Pages of 10, 10 and 5: the short one is the last.
    assertThat(es.requests()).filteredOn(r -> r.startsWith("POST /_search")).hasSize(3);
    assertThat(es.requests()).filteredOn(r -> r.endsWith("/_bulk")).hasSize(3 + 3 + 2);
    assertThat(es.requests()).filteredOn(r -> r.startsWith("DELETE /_pit")).hasSize(1);
    assertThat(heartbeats.get()).isEqualTo(8 + 3);
  }

  @Test
  void givenADocIndexedAfterThePurge_whenVerifying_itCountsItByFieldAndNotById()
      throws IOException {
    seedTracks(false);
    SearchIndexPurger purger = es.purger(settings, CREATOR_ID);
    purger.purge(VICTIM, true, VICTIM_CONTENT, () -> {});
    // A late write racing the purge: the user's id in creator_id, an id no snapshot holds.
    es.index(settings.tracksIndex(), trackDocs(VICTIM, "Jane", List.of(ORPHAN), false));

    ContentIds content = ContentIds.of(VICTIM_CONTENT, true);
    SearchDocsLeft left = purger.countLeft(VICTIM, content, () -> {});

    // The kept public tracks still carry creator_id, anonymized: they are not left behind.
    assertThat(left.perIndex().get(settings.tracksIndex())).isEqualTo(new SearchIndexLeft(0, 1L));
    assertThat(left.byField()).isEqualTo(1);
    assertThat(purger.countRemaining(VICTIM, content, () -> {})).isEqualTo(1);
  }

  @Test
  void givenAnOwnerFieldFromDynamicMapping_whenPurging_itQueriesItsKeywordSubField()
      throws IOException {
    // No mapping: Elasticsearch maps the string as text with a "keyword" sub-field.
    es.index(settings.tracksIndex(), trackDocs(VICTIM, "Jane", List.of(ORPHAN), false));
    es.index(
        settings.tracksIndex(), trackDocs(NEIGHBOUR, "John", List.of(NEIGHBOUR_ORPHAN), false));
    SearchIndexPurger purger = es.purger(settings, CREATOR_ID);

    SearchPurgeResult result = purger.purge(VICTIM, false, OwnedContent.empty(), () -> {});

    assertThat(tracks(result).deletedByField()).isEqualTo(1);
    assertThat(es.exists(settings.tracksIndex(), ORPHAN)).isFalse();
    assertThat(es.exists(settings.tracksIndex(), NEIGHBOUR_ORPHAN)).isTrue();
  }

  @Test
  void givenAnOwnerFieldMappedAsAnalysedTextOnly_whenPurging_itFailsNonRetryable()
      throws IOException {
    es.createIndex(
        settings.tracksIndex(),
        "{\"mappings\":{\"properties\":{\"creator_id\":{\"type\":\"text\"}}}}");
    es.index(settings.tracksIndex(), trackDocs(VICTIM, "Jane", List.of(ORPHAN), false));
    SearchIndexPurger purger = es.purger(settings, CREATOR_ID);

    Throwable thrown =
        catchThrowable(() -> purger.purge(VICTIM, false, OwnedContent.empty(), () -> {}));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("SEARCH_MAPPING");
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage())
                  .contains(settings.tracksIndex(), "creator_id", "text");
            });
  }

  @Test
  void givenMissingIndices_whenPurgingAndVerifyingByField_itCountsNothingAndCreatesNoIndex()
      throws IOException {
    SearchIndexPurger purger =
        es.purger(settings, Map.of("users", "id", "tracks", "creator_id", "playlists", "owner_id"));

    SearchPurgeResult result = purger.purge(VICTIM, true, VICTIM_CONTENT, () -> {});
    SearchDocsLeft left = purger.countLeft(VICTIM, ContentIds.of(VICTIM_CONTENT, true), () -> {});

    assertThat(result)
        .isEqualTo(
            SearchPurgeResult.ofIndices(
                List.of(
                    new SearchIndexPurged("users", 0, null, 0L),
                    new SearchIndexPurged("tracks", 0, 0L, 0L),
                    new SearchIndexPurged("playlists", 0, null, 0L))));
    assertThat(left.byId()).isZero();
    assertThat(left.byField()).isZero();
    assertThat(es.indexExists(settings.tracksIndex())).isFalse();
    assertThat(es.indexExists(settings.playlistsIndex())).isFalse();
  }

  /** The victim's three snapshot tracks, the orphan and the neighbour's tracks. */
  private void seedTracks(boolean withOrphan) throws IOException {
    es.createIndex(settings.tracksIndex(), SearchTestIndices.TRACKS_MAPPING);
    Map<String, Map<String, Object>> docs = new HashMap<>();
    docs.putAll(trackDocs(VICTIM, "Victim Name", List.of(PUBLIC_1, PUBLIC_2), true));
    docs.putAll(trackDocs(VICTIM, "Victim Name", List.of(PRIVATE_1), false));
    if (withOrphan) {
      docs.putAll(trackDocs(VICTIM, "Victim Name", List.of(ORPHAN), false));
    }
    docs.putAll(
        trackDocs(NEIGHBOUR, "Neighbour Name", List.of(NEIGHBOUR_TRACK, NEIGHBOUR_ORPHAN), true));
    es.index(settings.tracksIndex(), docs);
  }

  private void assertNeighbourUntouched() throws IOException {
    for (String id : List.of(NEIGHBOUR_TRACK, NEIGHBOUR_ORPHAN)) {
      assertThat(es.source(settings.tracksIndex(), id))
          .as(id)
          .containsEntry("artist", "Neighbour Name")
          .containsEntry("creator_id", NEIGHBOUR.toString());
    }
  }

  private static SearchIndexPurged tracks(SearchPurgeResult result) {
    return result.indices().get(1);
  }
}
