package com.veza.erasure.deletion;

import java.time.Duration;
import java.time.Instant;

/**
 * Input of one account deletion. The recovery window is set by whoever starts the workflow from its
 * configuration and recorded here, so a later config change never alters a running deletion.
 *
 * @param userId the user's UUID (validated before any store is touched)
 * @param keepPublicTracks keep public tracks published under an anonymous artist
 * @param requestedBy who asked: {@code user}, {@code admin:<adminUuid>} or {@code legacy-backfill};
 *     never a name or email
 * @param requestedAt when the request was accepted
 * @param recoveryWindow how long the user can still recover the account
 * @param originalDeadline the deadline of a deletion the platform's old path scheduled ({@code
 *     users.deletion_scheduled_for}), which this request takes over: it wins over {@code
 *     requestedAt + recoveryWindow}, so the erasure comes neither later nor earlier than the user
 *     was told, and a past one erases at once. Null for every other request (and in every history
 *     recorded before it existed), which keeps their deadline as it was.
 */
public record DeletionRequest(
    String userId,
    boolean keepPublicTracks,
    String requestedBy,
    Instant requestedAt,
    Duration recoveryWindow,
    Instant originalDeadline) {

  public static final Duration DEFAULT_RECOVERY_WINDOW = Duration.ofDays(30);

  /** A request of this service's own: the deadline is {@code requestedAt + recoveryWindow}. */
  public DeletionRequest(
      String userId,
      boolean keepPublicTracks,
      String requestedBy,
      Instant requestedAt,
      Duration recoveryWindow) {
    this(userId, keepPublicTracks, requestedBy, requestedAt, recoveryWindow, null);
  }

  public Instant scheduledFor() {
    return originalDeadline != null ? originalDeadline : requestedAt.plus(recoveryWindow);
  }
}
