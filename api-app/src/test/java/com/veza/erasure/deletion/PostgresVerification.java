package com.veza.erasure.deletion;

import com.veza.erasure.common.UserIds;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Erasure verification over the real PostgreSQL rows only; Redis/ES are unconfigured here. */
public final class PostgresVerification implements VerificationActivities {

  private final AccountVerifier verifier;

  public PostgresVerification(Jdbi jdbi) {
    this.verifier = new AccountVerifier(jdbi);
  }

  @Override
  public VerificationReport verifyErasure(VerifyInput input) {
    UUID userId = UserIds.parse(input.userId());
    return new VerificationReport(verifier.countPiiRowsLeft(userId),
        verifier.countTracksLeft(userId, input.keepPublicTracks()), verifier.countPlaylistsLeft(userId), null, null);
  }
}
