package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.veza.erasure.common.ErasureErrors;
import com.veza.erasure.deletion.AnonymizeInput;
import com.veza.erasure.deletion.AnonymizeResult;
import com.veza.erasure.deletion.CollectContentInput;
import com.veza.erasure.deletion.DeletionPhase;
import com.veza.erasure.deletion.LedgerRef;
import com.veza.erasure.deletion.MarkPendingInput;
import com.veza.erasure.deletion.MarkPendingResult;
import com.veza.erasure.deletion.OwnedContent;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("deprecation") // also covers the path of runs started before content-snapshot
class AccountActivitiesImplTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final Instant SCHEDULED_FOR = NOW.plus(Duration.ofDays(30));

  /** The neighbour shares the victim's first 30 characters: no prefix match may reach it. */
  private static final UUID VICTIM = UUID.fromString("3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f8a9b0c");

  private static final UUID NEIGHBOUR = UUID.fromString("3f1c2a9e-7b4d-4c1e-9a2b-5d6e7f000000");
  private static final LedgerRef REF =
      new LedgerRef(VICTIM.toString(), "account-deletion-" + VICTIM, "run-1");

  private Jdbi jdbi;
  private PlatformRows rows;
  private AccountActivitiesImpl activities;
  private AccountVerifier verifier;

  private UUID publicTrack;
  private UUID privateTrack;
  private UUID softDeletedPublicTrack;
  private UUID victimPlaylist;
  private UUID neighbourTrack;
  private UUID neighbourPlaylist;

  @BeforeEach
  void setUp() {
    jdbi = PlatformRows.freshDatabase();
    rows = new PlatformRows(jdbi);
    activities = new AccountActivitiesImpl(jdbi, Clock.fixed(NOW, ZoneOffset.UTC));
    verifier = new AccountVerifier(jdbi);

    rows.user(VICTIM, "jane");
    rows.user(NEIGHBOUR, "john");
    publicTrack = rows.track(VICTIM, true, "Jane Doe");
    privateTrack = rows.track(VICTIM, false, "Jane Doe");
    softDeletedPublicTrack = rows.track(VICTIM, true, "Jane Doe", NOW.minus(Duration.ofDays(3)));
    neighbourTrack = rows.track(NEIGHBOUR, true, "John Roe");
    victimPlaylist = rows.playlist(VICTIM, publicTrack, neighbourTrack);
    neighbourPlaylist = rows.playlist(NEIGHBOUR, neighbourTrack, privateTrack, publicTrack);
    rows.message(VICTIM, NEIGHBOUR, "hi John, it's Jane");
    rows.message(NEIGHBOUR, VICTIM, "hello Jane");
    rows.play(VICTIM, neighbourTrack);
    rows.play(VICTIM, privateTrack);
    rows.play(NEIGHBOUR, neighbourTrack);
    rows.session(VICTIM);
    rows.session(VICTIM);
    rows.session(NEIGHBOUR);
  }

  private MarkPendingInput markPendingInput(boolean keepPublicTracks) {
    return new MarkPendingInput(REF, keepPublicTracks, "user", NOW, SCHEDULED_FOR);
  }

  // --- markPendingDeletion ---------------------------------------------------------------

  @Test
  void whenMarkingPending_itSoftDeletesRevokesSessionsAndOpensTheLedgerRow() {
    MarkPendingResult result = activities.markPendingDeletion(markPendingInput(true));

    assertThat(result.sessionsRevoked()).isEqualTo(2);
    assertThat(result.accountSoftDeleted()).isTrue();
    assertThat(instant("SELECT deleted_at FROM users WHERE id = ?", VICTIM)).isEqualTo(NOW);
    assertThat(instant("SELECT deletion_scheduled_for FROM users WHERE id = ?", VICTIM))
        .isEqualTo(SCHEDULED_FOR);
    assertThat(rows.count("SELECT count(*) FROM sessions WHERE user_id = ?", VICTIM)).isZero();
    assertThat(rows.count("SELECT count(*) FROM sessions WHERE user_id = ?", NEIGHBOUR)).isOne();
    assertThat(instant("SELECT deleted_at FROM users WHERE id = ?", NEIGHBOUR)).isNull();

    LedgerDao.Entry entry = ledgerEntry();
    assertThat(entry.userId()).isEqualTo(VICTIM);
    assertThat(entry.workflowId()).isEqualTo(REF.workflowId());
    assertThat(entry.phase()).isEqualTo(DeletionPhase.SCHEDULED);
    assertThat(entry.keepPublicTracks()).isTrue();
    assertThat(entry.requestedBy()).isEqualTo("user");
    assertThat(entry.requestedAt()).isEqualTo(NOW);
    assertThat(entry.scheduledFor()).isEqualTo(SCHEDULED_FOR);
    assertThat(entry.completedAt()).isNull();
    assertThat(entry.receipt()).isNull();
    assertThat(entry.accountSoftDeleted()).isTrue();
    assertThat(entry.priorDeletionScheduledFor()).isNull();
  }

  @Test
  void givenAPendingAccount_whenMarkedPendingAgain_itChangesNothingMore() {
    activities.markPendingDeletion(markPendingInput(true));
    var later = new AccountActivitiesImpl(jdbi, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));

    MarkPendingResult again = later.markPendingDeletion(markPendingInput(true));

    assertThat(again.sessionsRevoked()).isZero();
    // The deleted_at it finds is its own first attempt's: the ledger row says so.
    assertThat(again.accountSoftDeleted()).isTrue();
    assertThat(instant("SELECT deleted_at FROM users WHERE id = ?", VICTIM)).isEqualTo(NOW);
    assertThat(rows.count("SELECT count(*) FROM deletion_requests")).isOne();
    assertThat(ledgerEntry().phase()).isEqualTo(DeletionPhase.SCHEDULED);
  }

  @Test
  void givenAMissingUser_whenMarkingPending_itFailsWithoutRetryAndWritesNothing() {
    var input =
        new MarkPendingInput(
            new LedgerRef(UUID.randomUUID().toString(), "wf", "run-x"),
            false,
            "user",
            NOW,
            SCHEDULED_FOR);

    assertFailure(() -> activities.markPendingDeletion(input), ErasureErrors.USER_NOT_FOUND);
    assertThat(rows.count("SELECT count(*) FROM deletion_requests")).isZero();
  }

  @Test
  void givenAnIdThatIsNotACanonicalUuid_whenAnyActivityRuns_itRejectsIt() {
    for (String bad : new String[] {"not-a-uuid", "1-1-1-1-1", "", VICTIM + "'; --", null}) {
      var ref = new LedgerRef(bad, "wf", "run-bad");
      assertFailure(
          () ->
              activities.markPendingDeletion(
                  new MarkPendingInput(ref, true, "user", NOW, SCHEDULED_FOR)),
          ErasureErrors.INVALID_INPUT);
      assertFailure(() -> activities.restoreAccount(ref), ErasureErrors.INVALID_INPUT);
      assertFailure(
          () -> activities.collectOwnedContent(new CollectContentInput(bad)),
          ErasureErrors.INVALID_INPUT);
      assertFailure(
          () -> activities.anonymizeAccount(new AnonymizeInput(ref, true, OwnedContent.empty())),
          ErasureErrors.INVALID_INPUT);
    }
    assertThat(rows.rowsOf(VICTIM)).anyMatch(row -> row.contains("jane@example.com"));
  }

  @Test
  void givenAMissingUser_whenAnyWriteRuns_itFailsNonRetryable() {
    var ref = new LedgerRef(UUID.randomUUID().toString(), "wf", "run-x");
    assertFailure(() -> activities.restoreAccount(ref), ErasureErrors.USER_NOT_FOUND);
    assertFailure(
        () -> activities.anonymizeAccount(new AnonymizeInput(ref, true, OwnedContent.empty())),
        ErasureErrors.USER_NOT_FOUND);
  }

  // --- restoreAccount --------------------------------------------------------------------

  @Test
  void givenAPendingAccount_whenRestored_itUndoesTheSoftDeleteAndClosesTheLedgerRowOnce() {
    activities.markPendingDeletion(markPendingInput(true));

    assertThat(activities.restoreAccount(REF).restored()).isTrue();

    assertThat(instant("SELECT deleted_at FROM users WHERE id = ?", VICTIM)).isNull();
    assertThat(instant("SELECT deletion_scheduled_for FROM users WHERE id = ?", VICTIM)).isNull();
    LedgerDao.Entry entry = ledgerEntry();
    assertThat(entry.phase()).isEqualTo(DeletionPhase.RECOVERED);
    assertThat(entry.completedAt()).isEqualTo(NOW);

    assertThat(activities.restoreAccount(REF).restored()).isFalse();
    assertThat(ledgerEntry()).isEqualTo(entry);
  }

  @Test
  void givenAnAnonymizedAccount_whenRestored_itNeverRevivesIt() {
    activities.markPendingDeletion(markPendingInput(true));
    activities.anonymizeAccount(new AnonymizeInput(REF, true, OwnedContent.empty()));

    assertThat(activities.restoreAccount(REF).restored()).isFalse();
    assertThat(instant("SELECT deleted_at FROM users WHERE id = ?", VICTIM)).isEqualTo(NOW);
    assertThat(verifier.countPiiRowsLeft(VICTIM)).isZero();
  }

  @Test
  void givenAnAccountSoftDeletedBeforeTheRequest_whenRestored_itStaysAsThePlatformLeftIt() {
    // Deleted by the platform's old path: its own deleted_at and deletion schedule.
    Instant oldDeletedAt = NOW.minus(Duration.ofDays(90));
    Instant oldSchedule = NOW.minus(Duration.ofDays(60));
    softDeleteByPlatform(oldDeletedAt, oldSchedule);
    assertThat(activities.markPendingDeletion(markPendingInput(true)).accountSoftDeleted())
        .isFalse();
    assertThat(instant("SELECT deleted_at FROM users WHERE id = ?", VICTIM))
        .isEqualTo(oldDeletedAt);

    assertThat(activities.restoreAccount(REF).restored()).isFalse();

    assertThat(instant("SELECT deleted_at FROM users WHERE id = ?", VICTIM))
        .isEqualTo(oldDeletedAt);
    assertThat(instant("SELECT deletion_scheduled_for FROM users WHERE id = ?", VICTIM))
        .isEqualTo(oldSchedule);
    assertThat(ledgerEntry().phase()).isEqualTo(DeletionPhase.RECOVERED);
  }

  @Test
  void givenALegacyDeadline_whenMarkedPendingWithALaterOne_itKeepsTheLegacyDeadline() {
    Instant legacyDeadline = NOW.plus(Duration.ofDays(3));
    softDeleteByPlatform(NOW.minus(Duration.ofDays(27)), legacyDeadline);

    activities.markPendingDeletion(markPendingInput(false));

    assertThat(instant("SELECT deletion_scheduled_for FROM users WHERE id = ?", VICTIM))
        .isEqualTo(legacyDeadline);
  }

  @Test
  void givenATakeoverOfALegacyDeletion_whenRestored_itMakesTheAccountActiveAgain() {
    Instant legacyDeadline = NOW.plus(Duration.ofDays(3));
    Instant legacyDeletedAt = NOW.minus(Duration.ofDays(27));
    softDeleteByPlatform(legacyDeletedAt, legacyDeadline);
    var takeover =
        new MarkPendingInput(REF, false, "legacy-backfill", legacyDeletedAt, legacyDeadline, true);

    assertThat(activities.markPendingDeletion(takeover).accountSoftDeleted()).isTrue();
    assertThat(instant("SELECT deleted_at FROM users WHERE id = ?", VICTIM))
        .isEqualTo(legacyDeletedAt);
    assertThat(ledgerEntry().accountSoftDeleted()).isTrue();
    assertThat(ledgerEntry().priorDeletionScheduledFor()).isNull();
    assertThat(ledgerEntry().scheduledFor()).isEqualTo(legacyDeadline);

    assertThat(activities.restoreAccount(REF).restored()).isTrue();

    assertThat(instant("SELECT deleted_at FROM users WHERE id = ?", VICTIM)).isNull();
    assertThat(instant("SELECT deletion_scheduled_for FROM users WHERE id = ?", VICTIM)).isNull();
  }

  @Test
  void givenASuspendedAccount_whenRestored_itStaysSuspendedAndLosesOnlyTheDeletionSchedule() {
    Instant suspendedAt = NOW.minus(Duration.ofDays(5));
    softDeleteByPlatform(suspendedAt, null);
    activities.markPendingDeletion(markPendingInput(false));

    activities.restoreAccount(REF);

    assertThat(instant("SELECT deleted_at FROM users WHERE id = ?", VICTIM)).isEqualTo(suspendedAt);
    assertThat(instant("SELECT deletion_scheduled_for FROM users WHERE id = ?", VICTIM)).isNull();
  }

  @Test
  void givenNoSoftDeleteCommitted_whenRestored_itChangesNoAccount() {
    // MARK_PENDING never committed (its transaction failed): the suspension is not ours to lift.
    Instant suspendedAt = NOW.minus(Duration.ofDays(5));
    softDeleteByPlatform(suspendedAt, null);

    assertThat(activities.restoreAccount(REF).restored()).isFalse();

    assertThat(instant("SELECT deleted_at FROM users WHERE id = ?", VICTIM)).isEqualTo(suspendedAt);
    assertThat(rows.count("SELECT count(*) FROM deletion_requests")).isZero();
  }

  @Test
  void givenARestoreAlreadyRan_whenALateSoftDeleteAttemptLands_itChangesNothing() {
    activities.markPendingDeletion(markPendingInput(true));
    activities.restoreAccount(REF);
    rows.session(VICTIM); // the user signed in again

    activities.markPendingDeletion(markPendingInput(true));

    assertThat(instant("SELECT deleted_at FROM users WHERE id = ?", VICTIM)).isNull();
    assertThat(instant("SELECT deletion_scheduled_for FROM users WHERE id = ?", VICTIM)).isNull();
    assertThat(rows.count("SELECT count(*) FROM sessions WHERE user_id = ?", VICTIM)).isOne();
    assertThat(ledgerEntry().phase()).isEqualTo(DeletionPhase.RECOVERED);
  }

  @Test
  void givenARecoveredAccountSuspendedAfterwards_whenTheRestoreRepeats_itStaysSuspended() {
    activities.markPendingDeletion(markPendingInput(true));
    activities.restoreAccount(REF);
    Instant bannedAt = NOW.plus(Duration.ofDays(1));
    softDeleteByPlatform(bannedAt, null);

    assertThat(activities.restoreAccount(REF).restored()).isFalse();

    assertThat(instant("SELECT deleted_at FROM users WHERE id = ?", VICTIM)).isEqualTo(bannedAt);
  }

  @Test
  void givenALedgerRowOpenedBeforeV3_whenRestored_itClearsTheSoftDeleteAsBefore() {
    activities.markPendingDeletion(markPendingInput(true));
    // Rows opened by the code before V3 recorded nothing about the account.
    jdbi.useHandle(
        h ->
            h.execute(
                "UPDATE deletion_requests SET account_soft_deleted = NULL,"
                    + " prior_deletion_scheduled_for = NULL"));

    assertThat(activities.restoreAccount(REF).restored()).isTrue();

    assertThat(instant("SELECT deleted_at FROM users WHERE id = ?", VICTIM)).isNull();
    assertThat(instant("SELECT deletion_scheduled_for FROM users WHERE id = ?", VICTIM)).isNull();
  }

  // --- collectOwnedContent ---------------------------------------------------------------

  @Test
  void whenCollecting_itReturnsExactlyTheUsersIdsSortedAndLowerCase() {
    OwnedContent content =
        activities.collectOwnedContent(new CollectContentInput(VICTIM.toString()));

    assertThat(content.trackIds())
        .containsExactlyElementsOf(sorted(publicTrack, privateTrack, softDeletedPublicTrack));
    // A soft-deleted track is not published any more: it is not kept as public either.
    assertThat(content.publicTrackIds()).containsExactly(publicTrack.toString());
    assertThat(content.playlistIds()).containsExactly(victimPlaylist.toString());
    assertThat(content.trackIds()).allMatch(id -> id.equals(id.toLowerCase(Locale.ROOT)));
  }

  @Test
  void givenAnUpperCaseId_whenCollecting_itAcceptsItAndReadsNothingForAUserWithoutContent() {
    OwnedContent content =
        activities.collectOwnedContent(
            new CollectContentInput(VICTIM.toString().toUpperCase(Locale.ROOT)));
    assertThat(content.trackIds()).hasSize(3);

    UUID nobody = UUID.randomUUID();
    assertThat(activities.collectOwnedContent(new CollectContentInput(nobody.toString())))
        .isEqualTo(OwnedContent.empty());
  }

  // --- anonymizeAccount ------------------------------------------------------------------

  @Test
  void givenKeepPublicTracks_whenAnonymizing_itScrubsEveryTableAndTouchesNoOtherUser() {
    activities.markPendingDeletion(markPendingInput(true));
    List<String> neighbourBefore = rows.rowsOf(NEIGHBOUR);

    AnonymizeResult result =
        activities.anonymizeAccount(new AnonymizeInput(REF, true, collectVictim()));

    assertThat(result.counts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "users", 1L,
                "user_profiles", 1L,
                "tracks_kept_public", 1L,
                "tracks_deleted", 2L,
                "playlists_deleted", 1L,
                "sessions_deleted", 0L, // already revoked by markPending
                "playback_history_deleted", 2L,
                "messages_deleted", 1L));
    assertUserScrubbed(NOW);
    assertThat(trackIdsOf(VICTIM)).containsExactly(publicTrack.toString());
    assertThat(text("SELECT artist FROM tracks WHERE id = ?", publicTrack))
        .isEqualTo("Anonymous artist");
    assertThat(rows.count("SELECT count(*) FROM tracks WHERE id = ? AND is_public", publicTrack))
        .isOne();
    assertThat(playlistTracks(neighbourPlaylist))
        .containsExactlyInAnyOrder(neighbourTrack, publicTrack);
    assertContentOfVictimGone();
    assertThat(rows.rowsOf(NEIGHBOUR)).isEqualTo(neighbourBefore);
    // The ledger row is the workflow's to move.
    assertThat(ledgerEntry().phase()).isEqualTo(DeletionPhase.SCHEDULED);
  }

  @Test
  void givenTracksNotKept_whenAnonymizing_itRemovesAllOfThemEvenWithoutAPriorSoftDelete() {
    List<String> neighbourBefore = rows.rowsOf(NEIGHBOUR);

    AnonymizeResult result =
        activities.anonymizeAccount(new AnonymizeInput(REF, false, collectVictim()));

    assertThat(result.counts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "users", 1L,
                "user_profiles", 1L,
                "tracks_kept_public", 0L,
                "tracks_deleted", 3L,
                "playlists_deleted", 1L,
                "sessions_deleted", 2L,
                "playback_history_deleted", 2L,
                "messages_deleted", 1L));
    assertUserScrubbed(NOW);
    assertThat(trackIdsOf(VICTIM)).isEmpty();
    assertThat(playlistTracks(neighbourPlaylist)).containsExactly(neighbourTrack);
    assertContentOfVictimGone();
    assertThat(rows.rowsOf(NEIGHBOUR)).isEqualTo(neighbourBefore);
  }

  @Test
  void givenAnAnonymizedAccount_whenAnonymizedAgain_itCountsZeroAndChangesNothing() {
    var input = new AnonymizeInput(REF, true, collectVictim());
    activities.anonymizeAccount(input);
    List<String> afterFirst = rows.rowsOf(VICTIM);
    var later = new AccountActivitiesImpl(jdbi, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));

    AnonymizeResult again = later.anonymizeAccount(input);

    assertThat(again.counts()).hasSize(8).allSatisfy((table, count) -> assertThat(count).isZero());
    assertThat(rows.rowsOf(VICTIM)).isEqualTo(afterFirst);
  }

  @Test
  void givenAFailingStatement_whenAnonymizing_itRollsBackEverythingAndARetryThenRunsNormally() {
    // Messages are deleted last: failing there proves the earlier statements are rolled back.
    jdbi.useHandle(
        h -> {
          h.execute(
              """
              CREATE FUNCTION refuse_delete() RETURNS trigger LANGUAGE plpgsql AS
              $$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$
              """);
          h.execute(
              "CREATE TRIGGER refuse_delete BEFORE DELETE ON messages FOR EACH ROW EXECUTE FUNCTION"
                  + " refuse_delete()");
        });
    List<String> before = rows.rowsOf(VICTIM);
    var input = new AnonymizeInput(REF, true, collectVictim());

    assertThatThrownBy(() -> activities.anonymizeAccount(input))
        .isNotInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("simulated failure");
    assertThat(rows.rowsOf(VICTIM)).isEqualTo(before);
    assertThat(rows.count("SELECT count(*) FROM playlist_tracks WHERE track_id = ?", privateTrack))
        .isEqualTo(1);

    jdbi.useHandle(h -> h.execute("DROP TRIGGER refuse_delete ON messages"));
    AnonymizeResult retry = activities.anonymizeAccount(input);
    assertThat(retry.counts())
        .containsEntry("users", 1L)
        .containsEntry("tracks_deleted", 2L)
        .containsEntry("messages_deleted", 1L);
    assertThat(verifier.countPiiRowsLeft(VICTIM)).isZero();
  }

  // --- verification reads ----------------------------------------------------------------

  @Test
  void whenVerifyingBeforeAndAfterAnonymization_itCountsWhatIsLeft() {
    assertThat(verifier.countPiiRowsLeft(VICTIM)).isEqualTo(2);
    assertThat(verifier.countTracksLeft(VICTIM, true)).isEqualTo(3); // kept one still names Jane
    assertThat(verifier.countTracksLeft(VICTIM, false)).isEqualTo(3);
    assertThat(verifier.countPlaylistsLeft(VICTIM)).isOne();

    activities.anonymizeAccount(new AnonymizeInput(REF, true, collectVictim()));

    assertThat(verifier.countPiiRowsLeft(VICTIM)).isZero();
    assertThat(verifier.countTracksLeft(VICTIM, true)).isZero();
    assertThat(verifier.countTracksLeft(VICTIM, false)).isOne(); // the kept public track
    assertThat(verifier.countPlaylistsLeft(VICTIM)).isZero();
    assertThat(verifier.countPiiRowsLeft(NEIGHBOUR)).isEqualTo(2);
    assertThat(verifier.countPlaylistsLeft(NEIGHBOUR)).isOne();
  }

  @Test
  void givenAUserWithNoRows_whenVerifying_itCountsZero() {
    UUID nobody = UUID.randomUUID();
    assertThat(verifier.countPiiRowsLeft(nobody)).isZero();
    assertThat(verifier.countTracksLeft(nobody, false)).isZero();
    assertThat(verifier.countPlaylistsLeft(nobody)).isZero();
  }

  // --- helpers ---------------------------------------------------------------------------

  private OwnedContent collectVictim() {
    return activities.collectOwnedContent(new CollectContentInput(VICTIM.toString()));
  }

  private void assertUserScrubbed(Instant deletedAt) {
    String compact = VICTIM.toString().replace("-", "");
    jdbi.useHandle(
        h -> {
          Map<String, Object> user =
              h.createQuery("SELECT * FROM users WHERE id = :id")
                  .bind("id", VICTIM)
                  .mapToMap()
                  .one();
          assertThat(user)
              .containsEntry("email", "deleted-" + VICTIM + "@erased.invalid")
              .containsEntry("username", "deleted_" + compact)
              .containsEntry("display_name", "Deleted user")
              .containsEntry("password_hash", null);
          Map<String, Object> profile =
              h.createQuery("SELECT * FROM user_profiles WHERE user_id = :id")
                  .bind("id", VICTIM)
                  .mapToMap()
                  .one();
          for (String column :
              List.of("bio", "avatar_url", "location", "birthdate", "phone", "website")) {
            assertThat(profile).containsEntry(column, null);
          }
        });
    assertThat(instant("SELECT anonymized_at FROM users WHERE id = ?", VICTIM)).isEqualTo(NOW);
    assertThat(instant("SELECT deleted_at FROM users WHERE id = ?", VICTIM)).isEqualTo(deletedAt);
  }

  private void assertContentOfVictimGone() {
    assertThat(rows.count("SELECT count(*) FROM playlists WHERE user_id = ?", VICTIM)).isZero();
    assertThat(
            rows.count(
                "SELECT count(*) FROM playlist_tracks WHERE playlist_id = ?", victimPlaylist))
        .isZero();
    assertThat(rows.count("SELECT count(*) FROM sessions WHERE user_id = ?", VICTIM)).isZero();
    assertThat(rows.count("SELECT count(*) FROM playback_history WHERE user_id = ?", VICTIM))
        .isZero();
    assertThat(rows.count("SELECT count(*) FROM messages WHERE sender_id = ?", VICTIM)).isZero();
    assertThat(rows.count("SELECT count(*) FROM messages WHERE recipient_id = ?", VICTIM)).isOne();
    assertThat(rows.count("SELECT count(*) FROM tracks WHERE id = ?", neighbourTrack)).isOne();
    assertThat(rows.count("SELECT count(*) FROM playlists WHERE id = ?", neighbourPlaylist))
        .isOne();
  }

  private List<String> trackIdsOf(UUID user) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT id::text FROM tracks WHERE creator_id = :u ORDER BY id")
                .bind("u", user)
                .mapTo(String.class)
                .list());
  }

  private List<UUID> playlistTracks(UUID playlist) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT track_id FROM playlist_tracks WHERE playlist_id = :p")
                .bind("p", playlist)
                .mapTo(UUID.class)
                .list());
  }

  /** What the platform writes when it suspends, bans or (old path) deletes an account. */
  private void softDeleteByPlatform(Instant deletedAt, Instant deletionScheduledFor) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE users SET deleted_at = :at, deletion_scheduled_for = :for WHERE id = :id")
                .bind("at", deletedAt)
                .bind("for", deletionScheduledFor)
                .bind("id", VICTIM)
                .execute());
  }

  private LedgerDao.Entry ledgerEntry() {
    return jdbi.onDemand(LedgerDao.class).findByRunId(REF.runId()).orElseThrow();
  }

  private Instant instant(String sql, Object arg) {
    return jdbi.withHandle(h -> h.select(sql, arg).mapTo(Instant.class).one());
  }

  private String text(String sql, Object arg) {
    return jdbi.withHandle(h -> h.select(sql, arg).mapTo(String.class).one());
  }

  private static List<String> sorted(UUID... ids) {
    return java.util.Arrays.stream(ids).map(UUID::toString).sorted().toList();
  }

  static void assertFailure(Runnable call, ErasureErrors expected) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(expected.name());
              assertThat(failure.isNonRetryable()).isTrue();
            });
  }
}
