package com.veza.erasure.activities.deletion;

import com.veza.erasure.deletion.OwnedContent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The user's content ids by what happens to their search docs, in pages: from the content snapshot
 * (runs since {@code content-snapshot}) or from the ids a run started before carried in its input.
 *
 * @param removedTracks tracks whose docs are deleted
 * @param keptTracks public tracks kept with keep_public_tracks, whose docs lose the user's name
 * @param playlists playlists whose docs are deleted
 * @param kept which track ids of a page are kept tracks: the by-field sweep leaves those docs to
 *     the by-id update and deletes every other doc it finds
 */
public record ContentIds(
    Iterable<List<String>> removedTracks,
    Iterable<List<String>> keptTracks,
    Iterable<List<String>> playlists,
    KeptIds kept) {

  /** Which ids of one page of search hits belong to tracks the request keeps. */
  @FunctionalInterface
  public interface KeptIds {
    KeptIds NONE = ids -> Set.of();

    Set<String> among(List<String> ids);
  }

  /** Nothing kept. */
  public ContentIds(
      Iterable<List<String>> removedTracks,
      Iterable<List<String>> keptTracks,
      Iterable<List<String>> playlists) {
    this(removedTracks, keptTracks, playlists, KeptIds.NONE);
  }

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
    KeptIds keptIds =
        keepPublicTracks ? ids -> snapshots.keptAmong(deletionId, uuids(ids)) : KeptIds.NONE;
    return new ContentIds(
        removed,
        kept,
        new SnapshotPages(snapshots, deletionId, "playlist", null, pageSize),
        keptIds);
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
    Set<String> keptSet = Set.copyOf(kept);
    return new ContentIds(
        List.of(removed),
        List.of(List.copyOf(kept)),
        List.of(playlists),
        ids -> ids.stream().filter(keptSet::contains).collect(Collectors.toSet()));
  }

  /**
   * A doc id that is not a UUID names no snapshot row: it cannot be kept, so its doc is deleted.
   */
  private static List<UUID> uuids(List<String> ids) {
    List<UUID> uuids = new ArrayList<>(ids.size());
    for (String id : ids) {
      try {
        uuids.add(UUID.fromString(id));
      } catch (IllegalArgumentException notAUuid) {
        // not a row's id
      }
    }
    return uuids;
  }

  private static List<String> distinct(List<String> ids) {
    return ids == null ? List.of() : List.copyOf(new LinkedHashSet<>(ids));
  }
}
