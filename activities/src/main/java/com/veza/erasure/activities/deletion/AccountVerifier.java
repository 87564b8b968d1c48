package com.veza.erasure.activities.deletion;

import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** What erasure verification reads back from PostgreSQL: each count should be zero afterwards. */
public final class AccountVerifier {
  private final AccountDao accounts;

  public AccountVerifier(Jdbi jdbi) {
    this.accounts = jdbi.onDemand(AccountDao.class);
  }

  /** users/user_profiles rows of the user still holding personal data. */
  public long countPiiRowsLeft(UUID userId) {
    return accounts.countPiiRowsLeft(userId);
  }

  /** The user's tracks still present that the erasure should have removed or anonymized. */
  public long countTracksLeft(UUID userId, boolean keepPublicTracks) {
    return accounts.countTracksLeft(userId, keepPublicTracks);
  }

  public long countPlaylistsLeft(UUID userId) {
    return accounts.countPlaylistsLeft(userId);
  }
}
