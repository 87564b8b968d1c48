package com.veza.erasure.deletion;

import java.util.List;

/**
 * The user's content ids (UUIDs), collected before anonymization because anonymization keeps rows
 * (and their {@code creator_id}) for public tracks the user chose to leave published.
 *
 * @param trackIds every track the user created, public or not
 * @param publicTrackIds the subset that is public (kept when keep_public_tracks is set)
 * @param playlistIds every playlist the user owns
 */
public record OwnedContent(
    List<String> trackIds, List<String> publicTrackIds, List<String> playlistIds) {

  public static OwnedContent empty() {
    return new OwnedContent(List.of(), List.of(), List.of());
  }

  /** Tracks that the erasure removes: all of them, or only the non-public ones. */
  public List<String> removedTrackIds(boolean keepPublicTracks) {
    if (!keepPublicTracks) {
      return trackIds;
    }
    return trackIds.stream().filter(id -> !publicTrackIds.contains(id)).toList();
  }
}
