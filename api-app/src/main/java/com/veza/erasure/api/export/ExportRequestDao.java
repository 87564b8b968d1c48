package com.veza.erasure.api.export;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * The api-app's side of {@code data_exports}: it creates the PENDING row (the rate limit lives
 * here) and reads rows for listing and download; the worker's activities write everything else.
 */
public interface ExportRequestDao {

  /**
   * Every 64-bit advisory lock key of this service is derived with its own seed; 42 is exports'.
   */
  int LOCK_SEED = 42;

  /**
   * The outcome of {@link #reserve}: the row was inserted, or the oldest request that blocks it.
   */
  record Reservation(boolean accepted, Instant oldestInWindow) {}

  /**
   * Inserts a PENDING row unless the user already has {@code limit} requests since {@code since}.
   * The per-user transaction lock serialises the count and the insert, so parallel requests can't
   * both see room for one more; other users are not blocked.
   */
  @Transaction
  default Reservation reserve(UUID exportId, UUID userId, Instant now, Instant since, int limit) {
    lockUser(userId);
    List<Instant> recent = recentRequests(userId, since, limit);
    if (recent.size() >= limit) {
      return new Reservation(false, recent.get(0));
    }
    insertPending(exportId, userId, now);
    return new Reservation(true, null);
  }

  @SqlQuery(
      "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(CAST(:userId AS text), "
          + LOCK_SEED
          + "))) AS locked")
  int lockUser(@Bind("userId") UUID userId);

  /**
   * The user's requests in the window, oldest first. A workflow that never started is not held
   * against the user: the refusal was ours, and the right of access must not be spent on it.
   */
  @SqlQuery(
      """
      SELECT requested_at FROM data_exports
       WHERE user_id = :userId AND requested_at > :since
         AND error_code IS DISTINCT FROM 'START_FAILED'
       ORDER BY requested_at
       LIMIT :limit""")
  List<Instant> recentRequests(
      @Bind("userId") UUID userId, @Bind("since") Instant since, @Bind("limit") int limit);

  @SqlUpdate(
      """
      INSERT INTO data_exports (id, user_id, status, requested_at)
      VALUES (:id, :userId, 'PENDING', :now)""")
  void insertPending(@Bind("id") UUID id, @Bind("userId") UUID userId, @Bind("now") Instant now);

  @SqlUpdate(
      """
      UPDATE data_exports SET status = 'FAILED', error_code = 'START_FAILED', completed_at = :now
       WHERE id = :id AND status = 'PENDING'""")
  void markStartFailed(@Bind("id") UUID id, @Bind("now") Instant now);

  @SqlQuery(
      """
      SELECT id, status, requested_at, completed_at, expires_at, size_bytes, sha256
        FROM data_exports
       WHERE user_id = :userId
       ORDER BY requested_at DESC, id
       LIMIT :limit""")
  @RegisterConstructorMapper(ExportSummary.class)
  List<ExportSummary> list(@Bind("userId") UUID userId, @Bind("limit") int limit);

  /** Only the owner's row: another user's id reads exactly like an unknown one. */
  @SqlQuery(
      """
      SELECT id, status, expires_at, storage_key FROM data_exports
       WHERE id = :id AND user_id = :userId""")
  @RegisterConstructorMapper(ExportFile.class)
  Optional<ExportFile> owned(@Bind("id") UUID id, @Bind("userId") UUID userId);
}
