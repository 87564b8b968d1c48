package com.veza.erasure.activities.deletion;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * One kind of id of a deletion's content snapshot, read lazily in keyset pages: the heap holds one
 * page at a time whatever the account's size.
 */
final class SnapshotPages implements Iterable<List<String>> {

  /** Pages of 5,000 ids: a few hundred KB, and few round trips for a million tracks. */
  static final int PAGE_SIZE = 5_000;

  private final ContentSnapshotDao snapshots;
  private final long deletionId;
  private final String kind;
  private final Boolean isPublic;
  private final int pageSize;

  /**
   * @param isPublic only the ids with this visibility; null: all
   */
  SnapshotPages(
      ContentSnapshotDao snapshots, long deletionId, String kind, Boolean isPublic, int pageSize) {
    this.snapshots = snapshots;
    this.deletionId = deletionId;
    this.kind = kind;
    this.isPublic = isPublic;
    this.pageSize = pageSize;
  }

  @Override
  public Iterator<List<String>> iterator() {
    return new Iterator<>() {
      private List<UUID> next = snapshots.firstPage(deletionId, kind, isPublic, pageSize);

      @Override
      public boolean hasNext() {
        return !next.isEmpty();
      }

      @Override
      public List<String> next() {
        if (next.isEmpty()) {
          throw new NoSuchElementException();
        }
        List<UUID> page = next;
        // A short page is the last one: no query to learn that the next is empty.
        next =
            page.size() < pageSize
                ? List.of()
                : snapshots.pageAfter(
                    deletionId, kind, page.get(page.size() - 1), isPublic, pageSize);
        return page.stream().map(UUID::toString).toList();
      }
    };
  }
}
