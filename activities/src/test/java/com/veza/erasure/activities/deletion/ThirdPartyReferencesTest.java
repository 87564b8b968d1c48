package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.activities.references.ReferenceActivitiesImpl;
import com.veza.erasure.activities.references.ReferenceSettings;
import com.veza.erasure.deletion.AnonymizeInput;
import com.veza.erasure.deletion.LedgerRef;
import com.veza.erasure.deletion.MarkPendingInput;
import com.veza.erasure.deletion.ReferenceCounts;
import com.veza.erasure.testing.TestElasticsearch;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * THIRD_PARTY_REFERENCES on real PostgreSQL and Elasticsearch
 * (docs/design.md#third-party-references): the victim is "ada", shown as "Ada Lovelace".
 */
class ThirdPartyReferencesTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final UUID VICTIM = UUID.randomUUID();
  private static final UUID NEIGHBOUR = UUID.randomUUID();
  private static final UUID OTHER = UUID.randomUUID();
  private static final LedgerRef REF =
      new LedgerRef(VICTIM.toString(), "account-deletion-" + VICTIM, "run-1");

  /** Two rows or docs a page, so the handful here spans several keyset pages. */
  private static final ReferenceSettings COUNT = ReferenceSettings.COUNT_ONLY.withPageSize(2);

  private static final ReferenceSettings SCRUB = COUNT.withScrub(true);

  private Jdbi jdbi;
  private PlatformRows rows;
  private SearchTestIndices es;
  private AccountActivitiesImpl accounts;

  /** Track id → artist, of tracks that name the victim. */
  private final Map<UUID, String> naming = new LinkedHashMap<>();

  /** Track id → artist, of tracks that must stay as they are. */
  private final Map<UUID, String> untouched = new LinkedHashMap<>();

  @BeforeEach
  void setUp() throws IOException {
    jdbi = PlatformRows.freshDatabase();
    rows = new PlatformRows(jdbi);
    es = new SearchTestIndices(TestElasticsearch.shared().httpUrl());
    es.createIndex(es.settings.tracksIndex(), SearchTestIndices.TRACKS_MAPPING);
    accounts = new AccountActivitiesImpl(jdbi, Clock.fixed(NOW, ZoneOffset.UTC));
    rows.user(VICTIM, "ada");
    rows.user(NEIGHBOUR, "adam");
    rows.user(OTHER, "bob");
    displayName(VICTIM, "Ada Lovelace");
    displayName(NEIGHBOUR, "Adam Smith");

    name(OTHER, "Ada");
    name(OTHER, "feat. ADA LOVELACE");
    name(OTHER, "ada's band & friends");
    name(OTHER, "The  Ada   Lovelace Trio");
    keep(OTHER, "Adam");
    keep(OTHER, "Adamant");
    keep(OTHER, "ada_l");
    keep(OTHER, "Lovelace");
    keep(OTHER, null);
    // The neighbour's own tracks: their name is not the victim's, however alike.
    keep(NEIGHBOUR, "Adam Smith");
    keep(NEIGHBOUR, "adam");
    // The victim's own track is anonymized with the account, not a third-party reference.
    keep(VICTIM, "Ada Lovelace");
    indexAll();

    accounts.markPendingDeletion(
        new MarkPendingInput(REF, false, "user", NOW, NOW.plus(Duration.ofDays(30))));
  }

  @AfterEach
  void tearDown() throws IOException {
    es.close();
  }

  @Test
  void givenOtherUsersTracksNamingTheUser_whenScrubIsOff_itCountsThemInBothStoresAndChangesNothing()
      throws IOException {
    ReferenceCounts counts = activities(COUNT).findThirdPartyReferences(REF);

    assertThat(counts).isEqualTo(new ReferenceCounts(4, 4L, false, 0, 0L));
    assertThat(counts.counts())
        .containsExactly(
            Map.entry("third_party_references", 4L),
            Map.entry("third_party_references_search", 4L));
    assertThat(artists()).containsAllEntriesOf(naming).containsAllEntriesOf(untouched);
    assertThat(searchArtists()).containsAllEntriesOf(naming).containsAllEntriesOf(untouched);
  }

  @Test
  void givenScrubOn_itReplacesOnlyTheWholeWordNamesInBothStoresAndCountsTheReplacements()
      throws IOException {
    ReferenceCounts counts = activities(SCRUB).findThirdPartyReferences(REF);

    assertThat(counts).isEqualTo(new ReferenceCounts(4, 4L, true, 4, 4L));
    Map<UUID, String> scrubbed = new LinkedHashMap<>(untouched);
    List<UUID> ids = List.copyOf(naming.keySet());
    scrubbed.put(ids.get(0), "Anonymous artist");
    scrubbed.put(ids.get(1), "feat. Anonymous artist");
    scrubbed.put(ids.get(2), "Anonymous artist's band & friends");
    scrubbed.put(ids.get(3), "The  Anonymous artist Trio");
    assertThat(artists()).isEqualTo(scrubbed);
    assertThat(searchArtists()).isEqualTo(scrubbed);
  }

  @Test
  void givenScrubOn_whenTheStepIsRetried_itCountsWhatTheFirstAttemptScrubbed() {
    ReferenceCounts first = activities(SCRUB).findThirdPartyReferences(REF);
    ReferenceCounts retry = activities(SCRUB).findThirdPartyReferences(REF);

    assertThat(retry).isEqualTo(first);
  }

  @Test
  void givenNamesWithPatternCharacters_itMatchesThemLiterally() throws IOException {
    displayName(VICTIM, "(.*) A+");
    UUID literal = name(OTHER, "Remix by (.*) a+");
    keep(OTHER, "Remix by (x) aa");
    keep(OTHER, "A+B");
    indexAll();

    ReferenceCounts counts = activities(SCRUB).findThirdPartyReferences(REF);

    // "ada" still finds the four "Ada"s; "(.*) A+" finds only itself, and never "anything".
    assertThat(counts.tracks()).isEqualTo(5);
    assertThat(artists().get(literal)).isEqualTo("Remix by Anonymous artist");
    assertThat(artists()).containsAllEntriesOf(untouched);
  }

  @Test
  void givenOnlyNamesShorterThanTheMinimum_itLooksForNothing() {
    jdbi.useHandle(
        h ->
            h.execute(
                "UPDATE users SET username = 'al', display_name = '  ' WHERE id = ?", VICTIM));
    keep(OTHER, "Al");

    ReferenceCounts counts = activities(SCRUB).findThirdPartyReferences(REF);

    assertThat(counts).isEqualTo(new ReferenceCounts(0, 0L, true, 0, 0L));
    assertThat(artists()).containsAllEntriesOf(untouched);
  }

  @Test
  void givenTheAccountAlreadyAnonymized_itLooksForNoAnonymizedName() {
    keep(OTHER, "Deleted user");
    accounts.anonymizeAccount(new AnonymizeInput(REF, false, null));

    ReferenceCounts counts = activities(SCRUB).findThirdPartyReferences(REF);

    assertThat(counts.tracks()).isZero();
    assertThat(artists()).containsAllEntriesOf(naming);
  }

  @Test
  void givenElasticsearchNotConfigured_itCountsPostgreSqlOnly() {
    ReferenceCounts counts =
        new ReferenceActivitiesImpl(jdbi, null, COUNT).findThirdPartyReferences(REF);

    assertThat(counts).isEqualTo(new ReferenceCounts(4, null, false, 0, null));
    assertThat(counts.counts()).containsOnlyKeys("third_party_references");
  }

  @Test
  void givenTheReceiptStored_itForgetsWhichTracksNamedTheUser() {
    activities(COUNT).findThirdPartyReferences(REF);
    assertThat(referenceRows()).isEqualTo(8);

    new LedgerActivitiesImpl(jdbi, Clock.fixed(NOW, ZoneOffset.UTC))
        .recordReceipt(
            new com.veza.erasure.deletion.ReceiptRecord(
                REF,
                new com.veza.erasure.deletion.DeletionReceipt(
                    VICTIM.toString(),
                    com.veza.erasure.deletion.DeletionPhase.COMPLETED,
                    false,
                    NOW,
                    NOW,
                    NOW,
                    NOW,
                    Map.of(),
                    null)));

    assertThat(referenceRows()).isZero();
  }

  private ReferenceActivitiesImpl activities(ReferenceSettings settings) {
    return new ReferenceActivitiesImpl(jdbi, es.purger(), settings);
  }

  private UUID name(UUID creator, String artist) {
    UUID id = rows.track(creator, true, artist);
    naming.put(id, artist);
    return id;
  }

  private void keep(UUID creator, String artist) {
    untouched.put(rows.track(creator, true, artist), artist);
  }

  private void displayName(UUID user, String name) {
    jdbi.useHandle(h -> h.execute("UPDATE users SET display_name = ? WHERE id = ?", name, user));
  }

  private void indexAll() throws IOException {
    Map<String, Map<String, Object>> docs = new LinkedHashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery("SELECT id, creator_id, artist FROM tracks")
                .map(
                    (rs, ctx) -> {
                      Map<String, Object> doc = new LinkedHashMap<>();
                      doc.put("title", "Song");
                      doc.put("creator_id", rs.getString("creator_id"));
                      doc.put("artist", rs.getString("artist"));
                      doc.put("is_public", true);
                      docs.put(rs.getString("id"), doc);
                      return null;
                    })
                .list());
    es.index(es.settings.tracksIndex(), docs);
  }

  private Map<UUID, String> artists() {
    Map<UUID, String> artists = new LinkedHashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery("SELECT id, artist FROM tracks")
                .map(
                    (rs, ctx) ->
                        artists.put(rs.getObject("id", UUID.class), rs.getString("artist")))
                .list());
    return artists;
  }

  private Map<UUID, String> searchArtists() throws IOException {
    Map<UUID, String> artists = new LinkedHashMap<>();
    for (UUID id : artists().keySet()) {
      artists.put(id, (String) es.source(es.settings.tracksIndex(), id.toString()).get("artist"));
    }
    return artists;
  }

  private long referenceRows() {
    return rows.count("SELECT count(*) FROM deletion_third_party_references");
  }
}
