package com.veza.erasure.activities.deletion;

import com.veza.erasure.activities.mapsql.MapSnapshot;
import com.veza.erasure.common.ErasureErrors;
import com.veza.erasure.common.UserIds;
import com.veza.erasure.deletion.ContentSnapshot;
import com.veza.erasure.deletion.LedgerRef;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The content snapshot of a deletion, found from its {@link LedgerRef} as the ledger's own writes
 * find the row (docs/design.md#content-snapshot).
 */
public final class ContentSnapshots {
  private final Jdbi jdbi;
  private final ContentSnapshotDao snapshots;
  private final int pageSize;

  public ContentSnapshots(Jdbi jdbi) {
    this(jdbi, SnapshotPages.PAGE_SIZE);
  }

  /**
   * @param pageSize ids per keyset page
   */
  ContentSnapshots(Jdbi jdbi, int pageSize) {
    this.jdbi = jdbi;
    this.snapshots = jdbi.onDemand(ContentSnapshotDao.class);
    this.pageSize = pageSize;
  }

  /**
   * Writes what the user owns now into the snapshot, by the erasure map's {@code snapshot: true}
   * rules; returns the snapshot's counts. Only adds (or updates a row's kept flag): an attempt
   * retried late, even after anonymization removed rows, keeps every id an earlier attempt wrote.
   */
  public ContentSnapshot write(LedgerRef ref, MapSnapshot rules) {
    UUID userId = UserIds.parse(ref.userId());
    long deletionId = deletionId(ref, userId);
    return jdbi.inTransaction(
        h -> {
          rules.write(h, deletionId, userId);
          return h.attach(ContentSnapshotDao.class).count(deletionId);
        });
  }

  /** The snapshot's ids by what happens to their search docs, read page by page when iterated. */
  public ContentIds read(LedgerRef ref, boolean keepPublicTracks) {
    UUID userId = UserIds.parse(ref.userId());
    return ContentIds.ofSnapshot(snapshots, deletionId(ref, userId), keepPublicTracks, pageSize);
  }

  /** Empties the snapshot once the receipt is stored; nothing reads it again. */
  public int delete(LedgerRef ref) {
    return snapshots.deleteFor(ref.runId(), UserIds.parse(ref.userId()));
  }

  private long deletionId(LedgerRef ref, UUID userId) {
    if (ref.runId() == null) {
      throw ErasureErrors.INVALID_INPUT.failure("runId is required");
    }
    // MARK_PENDING opened the row before erasure can start: without it the input is wrong, and
    // stays wrong on every attempt.
    return snapshots
        .deletionId(ref.runId(), userId)
        .orElseThrow(
            () ->
                ErasureErrors.INVALID_INPUT.failure(
                    "no ledger row for run " + ref.runId() + " of user " + userId));
  }
}
