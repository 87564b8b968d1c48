package com.veza.erasure.api.deletion;

import com.veza.erasure.deletion.DeletionPhase;
import com.veza.erasure.deletion.DeletionStatus;
import java.util.UUID;

/**
 * What the deletion resources ask for. {@link DeletionService} answers through Temporal and the
 * ledger; resource-level tests answer with a fake, so that HTTP, auth and error mapping are tested
 * without either.
 */
public interface Deletions {

  /** Starts the user's deletion, or joins the one already running. */
  DeletionAccepted request(UUID userId, boolean keepPublicTracks, String requestedBy);

  DeletionStatus status(UUID userId);

  /** The user takes the account back during the recovery window. */
  DeletionStatus recover(UUID userId);

  /** An operator re-runs the failed steps of a deletion in NEEDS_ATTENTION. */
  DeletionStatus retry(UUID userId);

  AdminDeletionView adminView(UUID userId);

  /** A page of the ledger, optionally of one phase, after the cursor {@code after}. */
  LedgerPage list(DeletionPhase phase, long after, int limit);
}
