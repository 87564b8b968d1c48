package com.veza.erasure.activities.deletion;

import com.veza.erasure.deletion.OwnedContent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The user's content ids by snapshot kind and by what happens to their search docs, in pages: from
 * the content snapshot (runs since {@code content-snapshot}) or from the ids a run started before
 * carried in its input. A row is <em>kept</em> when its table rule's keep rule kept it and the
 * request asked to keep public content; an index whose map rule has a {@code keep} update gives
 * those docs the update, any other index deletes them with the rest.
 */
public final class ContentIds {

  /** The reference map's snapshot kinds, the only ones an input recorded before could carry. */
  static final String TRACK = "track";

  static final String PLAYLIST = "playlist";

  /** Which ids of one page of search hits belong to kept rows. */
  @FunctionalInterface
  public interface KeptIds {
    KeptIds NONE = ids -> Set.of();

    Set<String> among(List<String> ids);
  }

  /** Where the ids come from. */
  private interface Source {
    /**
     * @param kept only the ids of kept rows (true), of the others (false), or all (null)
     */
    Iterable<List<String>> pages(String kind, Boolean kept);

    Set<String> keptAmong(String kind, List<String> ids);
  }

  private final Source source;
  private final boolean keepRows;

  private ContentIds(Source source, boolean keepRows) {
    this.source = source;
    this.keepRows = keepRows;
  }

  /** The ids of {@code kind} whose docs are deleted in an index that keeps docs or not. */
  public Iterable<List<String>> removed(String kind, boolean indexKeepsDocs) {
    return source.pages(kind, (keepRows && indexKeepsDocs) ? false : null);
  }

  /** The ids of {@code kind} whose docs get the index's keep update; none unless it has one. */
  public Iterable<List<String>> kept(String kind, boolean indexKeepsDocs) {
    return keepRows && indexKeepsDocs ? source.pages(kind, true) : List.of();
  }

  /** Which ids of a page of hits the by-field sweep of such an index leaves to the keep update. */
  public KeptIds keptIds(String kind, boolean indexKeepsDocs) {
    return keepRows && indexKeepsDocs && kind != null
        ? ids -> source.keptAmong(kind, ids)
        : KeptIds.NONE;
  }

  /** The reference map's removed tracks. */
  public Iterable<List<String>> removedTracks() {
    return removed(TRACK, true);
  }

  /** The reference map's kept public tracks. */
  public Iterable<List<String>> keptTracks() {
    return kept(TRACK, true);
  }

  /** The reference map's playlists. */
  public Iterable<List<String>> playlists() {
    return removed(PLAYLIST, false);
  }

  /** Reads the snapshot of ledger row {@code deletionId} page by page. */
  static ContentIds ofSnapshot(
      ContentSnapshotDao snapshots, long deletionId, boolean keepRows, int pageSize) {
    return new ContentIds(
        new Source() {
          @Override
          public Iterable<List<String>> pages(String kind, Boolean kept) {
            return new SnapshotPages(snapshots, deletionId, kind, kept, pageSize);
          }

          @Override
          public Set<String> keptAmong(String kind, List<String> ids) {
            return snapshots.keptAmong(deletionId, kind, uuids(ids));
          }
        },
        keepRows);
  }

  /**
   * The ids of an input. Only public ids that are also the user's own tracks are kept, so an
   * inconsistent input can never rename someone else's track.
   */
  public static ContentIds of(OwnedContent content, boolean keepPublicTracks) {
    OwnedContent c = content == null ? OwnedContent.empty() : content;
    // Records deserialized from an older workflow input may hold null lists.
    List<String> tracks = distinct(c.trackIds());
    Set<String> kept = new LinkedHashSet<>(distinct(c.publicTrackIds()));
    kept.retainAll(new LinkedHashSet<>(tracks));
    Map<String, List<String>> byKind = Map.of(TRACK, tracks, PLAYLIST, distinct(c.playlistIds()));
    return new ContentIds(
        new Source() {
          @Override
          public Iterable<List<String>> pages(String kind, Boolean isKept) {
            List<String> ids = byKind.getOrDefault(kind, List.of());
            return List.of(
                isKept == null
                    ? ids
                    : ids.stream().filter(id -> kept.contains(id) == isKept).toList());
          }

          @Override
          public Set<String> keptAmong(String kind, List<String> ids) {
            return TRACK.equals(kind)
                ? ids.stream().filter(kept::contains).collect(Collectors.toSet())
                : Set.of();
          }
        },
        keepPublicTracks);
  }

  /** Only {@code pages} of {@code kind}, none kept: benchmarks of one index's purge. */
  public static ContentIds ofPages(String kind, Iterable<List<String>> pages) {
    return new ContentIds(
        new Source() {
          @Override
          public Iterable<List<String>> pages(String k, Boolean kept) {
            return k.equals(kind) && !Boolean.TRUE.equals(kept) ? pages : List.of();
          }

          @Override
          public Set<String> keptAmong(String k, List<String> ids) {
            return Set.of();
          }
        },
        false);
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
