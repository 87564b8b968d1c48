package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.veza.erasure.deletion.AnonymizeInput;
import com.veza.erasure.deletion.ContentSnapshot;
import com.veza.erasure.deletion.DeletionPhase;
import com.veza.erasure.deletion.DeletionReceipt;
import com.veza.erasure.deletion.LedgerRef;
import com.veza.erasure.deletion.MarkPendingInput;
import com.veza.erasure.deletion.ReceiptRecord;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The content snapshot on real PostgreSQL (docs/design.md#content-snapshot). */
class ContentSnapshotTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final UUID VICTIM = UUID.fromString("3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f8a9b0c");
  private static final UUID NEIGHBOUR = UUID.fromString("3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f000000");
  private static final LedgerRef REF =
      new LedgerRef(VICTIM.toString(), "account-deletion-" + VICTIM, "run-1");
  private static final LedgerRef NEIGHBOUR_REF =
      new LedgerRef(NEIGHBOUR.toString(), "account-deletion-" + NEIGHBOUR, "run-n");

  /** Small pages, so a handful of rows spans several. */
  private static final int PAGE = 7;

  private Jdbi jdbi;
  private PlatformRows rows;
  private AccountActivitiesImpl activities;
  private ContentSnapshots snapshots;
  private final List<UUID> publicTracks = new ArrayList<>();
  private final List<UUID> privateTracks = new ArrayList<>();
  private UUID softDeletedPublic;
  private UUID playlist;
  private UUID neighbourTrack;

  @BeforeEach
  void setUp() {
    jdbi = PlatformRows.freshDatabase();
    rows = new PlatformRows(jdbi);
    activities = new AccountActivitiesImpl(jdbi, Clock.fixed(NOW, ZoneOffset.UTC));
    snapshots = new ContentSnapshots(jdbi, PAGE);
    rows.user(VICTIM, "jane");
    rows.user(NEIGHBOUR, "john");
    for (int i = 0; i < 9; i++) {
      publicTracks.add(rows.track(VICTIM, true, "Jane Doe"));
      privateTracks.add(rows.track(VICTIM, false, "Jane Doe"));
    }
    softDeletedPublic = rows.track(VICTIM, true, "Jane Doe", NOW.minus(Duration.ofDays(3)));
    neighbourTrack = rows.track(NEIGHBOUR, true, "John Roe");
    playlist = rows.playlist(VICTIM, publicTracks.get(0), neighbourTrack);
    rows.playlist(NEIGHBOUR, neighbourTrack);
    markPending(REF);
    markPending(NEIGHBOUR_REF);
  }

  @Test
  void givenAnAccount_whenSnapshotThenAnonymized_itStillHoldsEveryIdFoundBefore() {
    ContentSnapshot snapshot = activities.snapshotOwnedContent(REF);
    activities.anonymizeAccount(new AnonymizeInput(REF, false, null));

    assertThat(snapshot).isEqualTo(new ContentSnapshot(19, 9, 1));
    assertThat(rows.count("SELECT count(*) FROM tracks WHERE creator_id = ?", VICTIM)).isZero();
    ContentIds ids = snapshots.read(REF, false);
    List<UUID> all = new ArrayList<>(publicTracks);
    all.addAll(privateTracks);
    all.add(softDeletedPublic);
    assertThat(flatten(ids.removedTracks())).containsExactlyInAnyOrderElementsOf(strings(all));
    assertThat(flatten(ids.keptTracks())).isEmpty();
    assertThat(flatten(ids.playlists())).containsExactly(playlist.toString());
  }

  @Test
  void givenASnapshotWritten_whenTheActivityIsRetried_itHoldsTheSameSet() {
    ContentSnapshot first = activities.snapshotOwnedContent(REF);
    List<String> before = snapshotRows(REF);

    ContentSnapshot again = activities.snapshotOwnedContent(REF);

    assertThat(again).isEqualTo(first);
    assertThat(snapshotRows(REF)).isEqualTo(before).hasSize(20);
  }

  @Test
  void givenARetryAfterAnonymization_whenTheSnapshotIsWrittenAgain_itKeepsTheRemovedIds() {
    ContentSnapshot first = activities.snapshotOwnedContent(REF);
    activities.anonymizeAccount(new AnonymizeInput(REF, true, null));

    assertThat(activities.snapshotOwnedContent(REF)).isEqualTo(first);
  }

  @Test
  void givenMoreIdsThanAPage_whenReadWithKeepPublicTracks_itCoversEachIdOnceInIdOrder() {
    activities.snapshotOwnedContent(REF);

    ContentIds ids = snapshots.read(REF, true);

    List<List<String>> kept = pages(ids.keptTracks());
    List<List<String>> removed = pages(ids.removedTracks());
    assertThat(kept).hasSize(2);
    assertThat(removed).hasSize(2);
    assertThat(removed.get(0)).hasSize(PAGE);
    assertThat(flatten(ids.keptTracks()))
        .isSorted()
        .containsExactlyInAnyOrderElementsOf(strings(publicTracks));
    List<UUID> removedIds = new ArrayList<>(privateTracks);
    removedIds.add(softDeletedPublic);
    assertThat(flatten(ids.removedTracks()))
        .isSorted()
        .containsExactlyInAnyOrderElementsOf(strings(removedIds));
  }

  @Test
  void givenTheVictimsSnapshot_whenWritten_itHoldsNothingOfTheNeighbour() {
    activities.snapshotOwnedContent(REF);
    activities.anonymizeAccount(new AnonymizeInput(REF, false, null));

    assertThat(
            rows.count(
                "SELECT count(*) FROM deletion_content_snapshot WHERE content_id = ?",
                neighbourTrack))
        .isZero();
    assertThat(snapshotRows(NEIGHBOUR_REF)).isEmpty();
    assertThat(rows.count("SELECT count(*) FROM tracks WHERE creator_id = ?", NEIGHBOUR))
        .isEqualTo(1);
  }

  @Test
  void givenTheReceiptStored_whenRecorded_itEmptiesOnlyThatDeletionsSnapshot() {
    activities.snapshotOwnedContent(REF);
    activities.snapshotOwnedContent(NEIGHBOUR_REF);

    new LedgerActivitiesImpl(jdbi, Clock.fixed(NOW, ZoneOffset.UTC))
        .recordReceipt(new ReceiptRecord(REF, receipt()));

    assertThat(snapshotRows(REF)).isEmpty();
    assertThat(snapshotRows(NEIGHBOUR_REF)).hasSize(2);
  }

  @Test
  void givenNoLedgerRow_whenSnapshotting_itFailsWithoutRetrying() {
    LedgerRef unknown = new LedgerRef(VICTIM.toString(), REF.workflowId(), "run-unknown");

    assertThatThrownBy(() -> activities.snapshotOwnedContent(unknown))
        .isInstanceOf(ApplicationFailure.class)
        .satisfies(e -> assertThat(((ApplicationFailure) e).isNonRetryable()).isTrue());
  }

  private void markPending(LedgerRef ref) {
    activities.markPendingDeletion(
        new MarkPendingInput(ref, false, "user", NOW, NOW.plus(Duration.ofDays(30))));
  }

  private List<String> snapshotRows(LedgerRef ref) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    SELECT s.kind || ':' || s.content_id || ':' || s.is_public
                      FROM deletion_content_snapshot s
                      JOIN deletion_requests d ON d.id = s.deletion_id
                     WHERE d.run_id = :runId
                     ORDER BY 1
                    """)
                .bind("runId", ref.runId())
                .mapTo(String.class)
                .list());
  }

  private static DeletionReceipt receipt() {
    return new DeletionReceipt(
        VICTIM.toString(), DeletionPhase.COMPLETED, false, NOW, NOW, NOW, NOW, Map.of(), null);
  }

  private static List<List<String>> pages(Iterable<List<String>> pages) {
    List<List<String>> all = new ArrayList<>();
    pages.forEach(all::add);
    return all;
  }

  private static List<String> flatten(Iterable<List<String>> pages) {
    List<String> all = new ArrayList<>();
    pages.forEach(all::addAll);
    return all;
  }

  private static List<String> strings(List<UUID> ids) {
    return ids.stream().map(UUID::toString).toList();
  }
}
