package com.veza.erasure.activities.deletion;

import com.veza.erasure.deletion.MarkPendingResult;
import com.veza.erasure.deletion.OwnedContent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * The account's rows in the platform tables outside the erasure itself: the soft delete, its
 * restore, and the id lists of runs started before the content snapshot. Multi-statement work runs
 * in {@code @Transaction} default methods. What erasure removes and anonymizes is the erasure map's
 * (docs/describe-your-schema.md), applied by {@link com.veza.erasure.activities.mapsql.MapErasure}.
 *
 * <p>A track "kept public" is one that is public and not soft-deleted, as in the reference map's
 * keep rule.
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
}
