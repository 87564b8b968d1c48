package com.veza.erasure.activities.deletion;

import com.veza.erasure.deletion.MarkPendingResult;
import com.veza.erasure.deletion.OwnedContent;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * The account's rows in the platform tables. Multi-statement work runs in {@code @Transaction}
 * default methods; each statement's WHERE clause only matches rows still to change, so a repeat
 * changes nothing and counts zero.
 *
 * <p>A track "kept public" is one that is public and not soft-deleted: the definition is the same
 * in {@link #ownedContent}, {@link #anonymize} and {@link #countTracksLeft}. What anonymization
 * writes and which columns hold personal data are in {@link AnonymizedValues}, shared with the
 * search purge and verification.
 */
public interface AccountDao {
  record AccountState(
      UUID id, Instant deletedAt, Instant deletionScheduledFor, Instant anonymizedAt) {}

  @CreateSqlObject
  LedgerDao ledger();

  // --- markPendingDeletion -----------------------------------------------------------------

  /**
   * Soft-deletes the account, revokes its sessions and opens the ledger row, which records what the
   * soft-delete changed: {@link #restore} undoes only that.
   *
   * <p>With {@code takesOverLegacyDeletion} the request carries the deadline of a deletion the
   * platform's old path scheduled, and the account's soft-delete becomes this request's: the row
   * records it as soft-deleted by this request, with no prior deadline, so a recovery makes the
   * account active again (as the old path's own recovery would have) instead of leaving it
   * soft-deleted with a deadline nobody acts on.
   *
   * @return what changed, or empty when the user does not exist
   */
  @Transaction
  default Optional<MarkPendingResult> markPending(
      LedgerDao.NewEntry entry, boolean takesOverLegacyDeletion, Instant now) {
    Optional<AccountState> account = lockAccount(entry.userId());
    if (account.isEmpty()) {
      return Optional.empty();
    }
    Optional<LedgerDao.Entry> opened = ledger().findByRunId(entry.runId());
    if (opened.isPresent()) {
      // A retry after a commit whose answer was lost: the row knows what the first attempt changed.
      // A late attempt after the restore (or the erasure) must not soft-delete the account again.
      long sessions = 0;
      if (!opened.get().phase().isFinal()) {
        softDelete(entry.userId(), entry.scheduledFor(), now);
        sessions = deleteSessions(entry.userId());
      }
      return Optional.of(
          new MarkPendingResult(
              sessions, !Boolean.FALSE.equals(opened.get().accountSoftDeleted())));
    }
    boolean softDeletes = account.get().deletedAt() == null;
    softDelete(entry.userId(), entry.scheduledFor(), now);
    long sessions = deleteSessions(entry.userId());
    boolean owned = softDeletes || takesOverLegacyDeletion;
    ledger()
        .insertScheduled(entry, owned, owned ? null : account.get().deletionScheduledFor(), now);
    return Optional.of(new MarkPendingResult(sessions, owned));
  }

  /** Row lock: a concurrent restore and anonymize of the same account run one after the other. */
  @SqlQuery(
      """
      SELECT id, deleted_at, deletion_scheduled_for, anonymized_at
        FROM users WHERE id = :userId FOR UPDATE
      """)
  @RegisterConstructorMapper(AccountState.class)
  Optional<AccountState> lockAccount(UUID userId);

  /**
   * A deadline already set on a soft-deleted account was promised by the platform's old path (or
   * restored from it by a recovery): it is never moved later, only earlier.
   */
  @SqlUpdate(
      """
      UPDATE users
         SET deleted_at = COALESCE(deleted_at, :now),
             deletion_scheduled_for =
               CASE WHEN deleted_at IS NOT NULL AND deletion_scheduled_for < :scheduledFor
                    THEN deletion_scheduled_for ELSE :scheduledFor END
       WHERE id = :userId
      """)
  int softDelete(UUID userId, Instant scheduledFor, Instant now);

  @SqlUpdate("DELETE FROM sessions WHERE user_id = :userId")
  int deleteSessions(UUID userId);

  // --- restoreAccount ----------------------------------------------------------------------

  /**
   * Undoes what {@link #markPending} of this run recorded, unless the account was anonymized since
   * (then there is nothing left to restore), and closes the ledger row as RECOVERED. Without a row
   * the soft-delete never committed, so no account state is ours to change; a row already final was
   * restored (or erased) before, and the account may have been suspended again since.
   *
   * @return whether the account was made active now, or empty when the user does not exist
   */
  @Transaction
  default Optional<Boolean> restore(UUID userId, String runId, Instant now) {
    Optional<AccountState> account = lockAccount(userId);
    if (account.isEmpty()) {
      return Optional.empty();
    }
    Optional<LedgerDao.Entry> opened =
        ledger().findByRunId(runId).filter(row -> row.userId().equals(userId));
    boolean restored = false;
    if (account.get().anonymizedAt() == null
        && opened.isPresent()
        && !opened.get().phase().isFinal()) {
      Boolean softDeleted = opened.get().accountSoftDeleted();
      int changed =
          softDeleted == null
              ? clearSoftDelete(userId)
              : undoSoftDelete(userId, softDeleted, opened.get().priorDeletionScheduledFor());
      restored = changed > 0 && !Boolean.FALSE.equals(softDeleted);
    }
    ledger().markRecovered(userId, runId, now);
    return Optional.of(restored);
  }

  /** The restore of a row opened before V3, which did not record what it changed. */
  @SqlUpdate(
      """
      UPDATE users
         SET deleted_at = NULL, deletion_scheduled_for = NULL
       WHERE id = :userId AND anonymized_at IS NULL
         AND (deleted_at IS NOT NULL OR deletion_scheduled_for IS NOT NULL)
      """)
  int clearSoftDelete(UUID userId);

  @SqlUpdate(
      """
      UPDATE users
         SET deleted_at = CASE WHEN :softDeleted THEN NULL ELSE deleted_at END,
             deletion_scheduled_for = :priorDeletionScheduledFor
       WHERE id = :userId AND anonymized_at IS NULL
      """)
  int undoSoftDelete(UUID userId, boolean softDeleted, Instant priorDeletionScheduledFor);

  // --- collectOwnedContent -----------------------------------------------------------------

  /** One snapshot, so the public ids are always a subset of the track ids. */
  @Transaction(value = TransactionIsolationLevel.REPEATABLE_READ, readOnly = true)
  default OwnedContent ownedContent(UUID userId) {
    return new OwnedContent(
        trackIds(userId).stream().map(UUID::toString).toList(),
        publicTrackIds(userId).stream().map(UUID::toString).toList(),
        playlistIds(userId).stream().map(UUID::toString).toList());
  }

  // uuid order in PostgreSQL is byte order, the same as the lower-case strings' order.
  @SqlQuery("SELECT id FROM tracks WHERE creator_id = :userId ORDER BY id")
  List<UUID> trackIds(UUID userId);

  @SqlQuery(
      """
      SELECT id FROM tracks
       WHERE creator_id = :userId AND is_public AND deleted_at IS NULL
       ORDER BY id
      """)
  List<UUID> publicTrackIds(UUID userId);

  @SqlQuery("SELECT id FROM playlists WHERE user_id = :userId ORDER BY id")
  List<UUID> playlistIds(UUID userId);

  // --- anonymizeAccount --------------------------------------------------------------------

  /**
   * Scrubs PII and removes or keeps content, all or nothing.
   *
   * @return rows changed per table (all zero on a repeat), or empty when the user does not exist
   */
  @Transaction
  default Optional<Map<String, Long>> anonymize(
      UUID userId, boolean keepPublicTracks, Instant now) {
    if (lockAccount(userId).isEmpty()) {
      return Optional.empty();
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put(
        "users",
        (long)
            scrubUser(
                userId,
                AnonymizedValues.email(userId),
                AnonymizedValues.username(userId),
                AnonymizedValues.DISPLAY_NAME,
                now));
    counts.put("user_profiles", (long) scrubProfile(userId, now));
    counts.put(
        "tracks_kept_public",
        keepPublicTracks ? (long) anonymizePublicTracks(userId, AnonymizedValues.ARTIST) : 0L);
    // History before tracks: the user's own plays need no ON DELETE SET NULL pass.
    counts.put("playback_history_deleted", (long) deletePlaybackHistory(userId));
    // Cascades to playlist_tracks, including other users' entries of the deleted tracks.
    counts.put("playlists_deleted", (long) deletePlaylists(userId));
    counts.put("tracks_deleted", (long) deleteTracks(userId, keepPublicTracks));
    counts.put("sessions_deleted", (long) deleteSessions(userId));
    counts.put("messages_deleted", (long) deleteSentMessages(userId));
    return Optional.of(Collections.unmodifiableMap(counts));
  }

  /** {@code deleted_at} is kept; set only if erasure ever runs without a soft delete first. */
  @SqlUpdate(
      """
      UPDATE users
         SET email = :email,
             username = :username,
             display_name = :displayName,
             password_hash = NULL,
             deleted_at = COALESCE(deleted_at, :now),
             anonymized_at = COALESCE(anonymized_at, :now)
       WHERE id = :userId
         AND (anonymized_at IS NULL OR
      """
          + AnonymizedValues.USER_HOLDS_PII
          + ")")
  int scrubUser(UUID userId, String email, String username, String displayName, Instant now);

  @SqlUpdate(
      "UPDATE user_profiles SET "
          + AnonymizedValues.PROFILE_PII_CLEARED
          + ", updated_at = :now WHERE user_id = :userId AND "
          + AnonymizedValues.PROFILE_HOLDS_PII)
  int scrubProfile(UUID userId, Instant now);

  @SqlUpdate(
      """
      UPDATE tracks SET artist = :artist
       WHERE creator_id = :userId AND is_public AND deleted_at IS NULL
         AND artist IS DISTINCT FROM :artist
      """)
  int anonymizePublicTracks(UUID userId, String artist);

  @SqlUpdate(
      """
      DELETE FROM tracks
       WHERE creator_id = :userId
         AND NOT (:keepPublicTracks AND is_public AND deleted_at IS NULL)
      """)
  int deleteTracks(UUID userId, boolean keepPublicTracks);

  @SqlUpdate("DELETE FROM playlists WHERE user_id = :userId")
  int deletePlaylists(UUID userId);

  @SqlUpdate("DELETE FROM playback_history WHERE user_id = :userId")
  int deletePlaybackHistory(UUID userId);

  /** Messages the user wrote are their content; messages they received belong to the senders. */
  @SqlUpdate("DELETE FROM messages WHERE sender_id = :userId")
  int deleteSentMessages(UUID userId);

  // --- verifyErasure -----------------------------------------------------------------------

  /**
   * The user's users row if any field still differs from its anonymized value, plus their
   * user_profiles row if any PII column is still set. Zero when no row is left at all.
   */
  default long countPiiRowsLeft(UUID userId) {
    return countPiiRowsLeft(
        userId,
        AnonymizedValues.email(userId),
        AnonymizedValues.username(userId),
        AnonymizedValues.DISPLAY_NAME);
  }

  @SqlQuery(
      "SELECT (SELECT count(*) FROM users WHERE id = :userId AND "
          + AnonymizedValues.USER_HOLDS_PII
          + ") + (SELECT count(*) FROM user_profiles WHERE user_id = :userId AND "
          + AnonymizedValues.PROFILE_HOLDS_PII
          + ")")
  long countPiiRowsLeft(UUID userId, String email, String username, String displayName);

  /**
   * Tracks that should be gone: all the user's tracks, or with {@code keepPublicTracks} those not
   * kept public, plus kept ones still carrying their original artist text.
   */
  @SqlQuery(
      """
      SELECT count(*) FROM tracks
       WHERE creator_id = :userId
         AND NOT (:keepPublicTracks AND is_public AND deleted_at IS NULL
                  AND artist IS NOT DISTINCT FROM :artist)
      """)
  long countTracksLeft(UUID userId, boolean keepPublicTracks, String artist);

  default long countTracksLeft(UUID userId, boolean keepPublicTracks) {
    return countTracksLeft(userId, keepPublicTracks, AnonymizedValues.ARTIST);
  }

  @SqlQuery("SELECT count(*) FROM playlists WHERE user_id = :userId")
  long countPlaylistsLeft(UUID userId);
}
