package com.veza.erasure.activities.deletion;

import com.veza.erasure.activities.erasuremap.ErasureMaps;
import com.veza.erasure.activities.erasuremap.TableRule;
import com.veza.erasure.activities.erasuremap.ValidatedErasureMap;
import com.veza.erasure.activities.mapsql.MapVerification;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * What erasure verification reads back from PostgreSQL, rule by rule of the erasure map: each count
 * should be zero afterwards. The report's older totals are sums over the rules: {@code piiRowsLeft}
 * over the anonymize rules, {@code tracksLeft} and {@code playlistsLeft} over the rules whose
 * snapshot kind is {@code track} and {@code playlist}.
 */
public final class AccountVerifier {

  /**
   * One pass over every rule.
   *
   * @param rowsLeft per rule name
   */
  public record Counts(
      Map<String, Long> rowsLeft, long piiRowsLeft, long tracksLeft, long playlistsLeft) {}

  private final ValidatedErasureMap map;
  private final MapVerification verification;

  /** With the reference schema's erasure map ({@link ErasureMaps#reference()}). */
  public AccountVerifier(Jdbi jdbi) {
    this(jdbi, ErasureMaps.reference());
  }

  public AccountVerifier(Jdbi jdbi, ValidatedErasureMap map) {
    this.map = map;
    this.verification = new MapVerification(jdbi, map);
  }

  /** Rows left per rule, and the totals of the report's older fields. */
  public Counts count(UUID userId, boolean keepPublicTracks) {
    Map<String, Long> left = verification.rowsLeft(userId, keepPublicTracks);
    long pii = 0;
    long tracks = 0;
    long playlists = 0;
    for (ValidatedErasureMap.NamedRule named : map.rules()) {
      long n = left.get(named.name());
      TableRule rule = named.rule();
      if (rule.action() == TableRule.Action.ANONYMIZE) {
        pii += n;
      } else if (rule.snapshot() && rule.effectiveSnapshotKind().equals("track")) {
        tracks += n;
      } else if (rule.snapshot() && rule.effectiveSnapshotKind().equals("playlist")) {
        playlists += n;
      }
    }
    return new Counts(left, pii, tracks, playlists);
  }

  /** Rows of the anonymize rules (users, user_profiles) still holding personal data. */
  public long countPiiRowsLeft(UUID userId) {
    return count(userId, false).piiRowsLeft();
  }

  /** The user's tracks still present that the erasure should have removed or anonymized. */
  public long countTracksLeft(UUID userId, boolean keepPublicTracks) {
    return count(userId, keepPublicTracks).tracksLeft();
  }

  public long countPlaylistsLeft(UUID userId) {
    return count(userId, false).playlistsLeft();
  }

  /** SHA-256 of the map the counts come from. */
  public String mapSha256() {
    return map.sha256();
  }
}
