package com.veza.erasure.activities.coverage;

import java.util.List;
import java.util.Set;

/**
 * What the erasure of the reference schema (db/reference, {@code AccountDao}) reaches today, as
 * coverage rules: until the erasure map is wired in, the worker checks the platform against this.
 */
public record ReferenceCoverageRules(Set<String> searchIndices) implements CoverageRules {

  private static final Set<ColumnRef> COVERED =
      Set.of(
          // Anonymized in place; id is the subject key itself.
          new ColumnRef("users", "email"),
          new ColumnRef("users", "username"),
          new ColumnRef("users", "display_name"),
          new ColumnRef("users", "password_hash"),
          new ColumnRef("user_profiles", "user_id"),
          new ColumnRef("user_profiles", "bio"),
          new ColumnRef("user_profiles", "avatar_url"),
          new ColumnRef("user_profiles", "location"),
          new ColumnRef("user_profiles", "birthdate"),
          new ColumnRef("user_profiles", "phone"),
          new ColumnRef("user_profiles", "website"),
          // Deleted, or anonymized (artist) when public tracks are kept.
          new ColumnRef("tracks", "creator_id"),
          new ColumnRef("tracks", "artist"),
          new ColumnRef("playlists", "user_id"),
          // Through playlists: its rows go with the user's playlists (ON DELETE CASCADE).
          new ColumnRef("playlist_tracks", "playlist_id"),
          new ColumnRef("messages", "sender_id"),
          new ColumnRef("playback_history", "user_id"),
          new ColumnRef("sessions", "user_id"));

  private static final List<IgnoredColumn> IGNORED =
      List.of(
          new IgnoredColumn(
              "messages",
              "recipient_id",
              "messages the user received belong to their senders and stay (docs/design.md);"
                  + " the id points at the anonymized account"));

  /**
   * @param searchIndices the configured users, tracks and playlists indices
   */
  public ReferenceCoverageRules {
    searchIndices = Set.copyOf(searchIndices);
  }

  @Override
  public ColumnRef subject() {
    return new ColumnRef("users", "id");
  }

  @Override
  public Set<ColumnRef> covered() {
    return COVERED;
  }

  @Override
  public List<IgnoredColumn> ignored() {
    return IGNORED;
  }

  @Override
  public List<String> patterns() {
    return NamePatterns.DEFAULTS;
  }
}
