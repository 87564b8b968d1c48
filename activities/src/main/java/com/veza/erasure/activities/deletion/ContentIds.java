package com.veza.erasure.activities.deletion;

import com.veza.erasure.deletion.OwnedContent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The user's content ids by what happens to their search docs, in pages: from the content snapshot
 * (runs since {@code content-snapshot}) or from the ids a run started before carried in its input.
 *
 * @param removedTracks tracks whose docs are deleted
 * @param keptTracks public tracks kept with keep_public_tracks, whose docs lose the user's name
 * @param playlists playlists whose docs are deleted
 */
public record ContentIds(
    Iterable<List<String>> removedTracks,
    Iterable<List<String>> keptTracks,
    Iterable<List<String>> playlists) {

  /** Reads the snapshot of ledger row {@code deletionId} page by page. */
  static ContentIds ofSnapshot(
      ContentSnapshotDao snapshots, long deletionId, boolean keepPublicTracks, int pageSize) {
    Iterable<List<String>> removed =
        new SnapshotPages(
            snapshots, deletionId, "track", keepPublicTracks ? false : null, pageSize);
    Iterable<List<String>> kept =
        keepPublicTracks
            ? new SnapshotPages(snapshots, deletionId, "track", true, pageSize)
            : List.of();
    return new ContentIds(
        removed, kept, new SnapshotPages(snapshots, deletionId, "playlist", null, pageSize));
  }

  /**
   * The ids of an input. Only public ids that are also the user's own tracks are kept, so an
   * inconsistent input can never rename someone else's track.
   */
  public static ContentIds of(OwnedContent content, boolean keepPublicTracks) {
    if (content == null) {
      return new ContentIds(List.of(), List.of(), List.of());
    }
    // Records deserialized from an older workflow input may hold null lists.
    List<String> tracks = distinct(content.trackIds());
    List<String> publicTracks = distinct(content.publicTrackIds());
    List<String> playlists = distinct(content.playlistIds());
    if (!keepPublicTracks) {
      return new ContentIds(List.of(tracks), List.of(), List.of(playlists));
    }
    Set<String> kept = new LinkedHashSet<>(publicTracks);
    kept.retainAll(new LinkedHashSet<>(tracks));
    List<String> removed = tracks.stream().filter(id -> !kept.contains(id)).toList();
    return new ContentIds(List.of(removed), List.of(List.copyOf(kept)), List.of(playlists));
  }

  private static List<String> distinct(List<String> ids) {
    return ids == null ? List.of() : List.copyOf(new LinkedHashSet<>(ids));
  }
}
