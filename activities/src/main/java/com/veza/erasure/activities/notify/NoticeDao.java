package com.veza.erasure.activities.notify;

import com.veza.erasure.common.ErasureErrors;
import com.veza.erasure.common.UserIds;
import com.veza.erasure.deletion.LedgerRef;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The user's address while it is theirs, and the completion notice's outbox. */
interface NoticeDao {

  /** Empty once anonymized: the address there is not the user's any more. */
  @SqlQuery("SELECT email FROM users WHERE id = :userId AND anonymized_at IS NULL")
  Optional<String> emailOf(UUID userId);

  /** The ledger row of a run, as the ledger's own writes find it: run id and user id. */
  @SqlQuery("SELECT id FROM deletion_requests WHERE run_id = :runId AND user_id = :userId")
  Optional<Long> deletionId(String runId, UUID userId);

  /** The ledger row of {@code ref}; MARK_PENDING opened it, so without one the input is wrong. */
  default long deletionOf(LedgerRef ref) {
    if (ref == null || ref.runId() == null || ref.runId().isBlank()) {
      throw ErasureErrors.INVALID_INPUT.failure("ledger ref with a run id is required");
    }
    UUID userId = UserIds.parse(ref.userId());
    return deletionId(ref.runId(), userId)
        .orElseThrow(
            () ->
                ErasureErrors.INVALID_INPUT.failure(
                    "no ledger row for run " + ref.runId() + " of user " + userId));
  }

  /**
   * Copies the address inside PostgreSQL: it is not read into the worker to be staged. Nothing is
   * copied from an account already anonymized.
   */
  @SqlUpdate(
      """
      INSERT INTO deletion_notice_outbox (deletion_id, email)
      SELECT :deletionId, email FROM users WHERE id = :userId AND anonymized_at IS NULL
      ON CONFLICT (deletion_id) DO UPDATE SET email = EXCLUDED.email
      """)
  int stage(long deletionId, UUID userId);

  @SqlQuery("SELECT email FROM deletion_notice_outbox WHERE deletion_id = :deletionId")
  Optional<String> outboxAddress(long deletionId);

  @SqlUpdate("DELETE FROM deletion_notice_outbox WHERE deletion_id = :deletionId")
  int discard(long deletionId);

  @SqlQuery("SELECT count(*) FROM deletion_notice_outbox WHERE deletion_id = :deletionId")
  long outboxRows(long deletionId);
}
