package com.veza.erasure.deletion;

import java.time.Duration;
import java.time.Instant;

/**
 * Input of one account deletion. The recovery window is set by whoever starts the workflow from its
 * configuration and recorded here, so a later config change never alters a running deletion.
 *
 * @param userId the user's UUID (validated before any store is touched)
 * @param keepPublicTracks keep public tracks published under an anonymous artist
 * @param requestedBy who asked: {@code user} or {@code admin:<adminUuid>}; never a name or email
 * @param requestedAt when the request was accepted
 * @param recoveryWindow how long the user can still recover the account
 */
public record DeletionRequest(
    String userId,
    boolean keepPublicTracks,
    String requestedBy,
    Instant requestedAt,
    Duration recoveryWindow) {

  public static final Duration DEFAULT_RECOVERY_WINDOW = Duration.ofDays(30);

  public Instant scheduledFor() {
    return requestedAt.plus(recoveryWindow);
  }
}
