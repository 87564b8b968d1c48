package com.veza.erasure.activities.references;

import java.util.List;
import java.util.UUID;

/**
 * Other users' tracks in PostgreSQL whose artist names the user. PostgreSQL narrows with {@code
 * ILIKE} (every whole-word match contains the name), the {@link NameMatcher} decides; pages in
 * primary-key order, so a table of millions is read once and never held.
 */
final class TrackReferences {
  private final ReferenceDao dao;
  private final ReferenceSettings settings;

  TrackReferences(ReferenceDao dao, ReferenceSettings settings) {
    this.dao = dao;
    this.settings = settings;
  }

  void scan(long deletionId, UUID userId, NameMatcher names, Runnable heartbeat) {
    String[] patterns = names.likePatterns();
    List<ReferenceDao.Candidate> page = dao.firstPage(userId, patterns, settings.pageSize());
    while (!page.isEmpty()) {
      for (ReferenceDao.Candidate track : page) {
        if (!names.matches(track.artist())) {
          continue;
        }
        if (settings.scrub()) {
          dao.scrub(
              deletionId,
              track,
              names.replaceAll(track.artist(), ThirdPartyReferences.ANONYMOUS_ARTIST));
        } else {
          dao.record(deletionId, ReferenceDao.POSTGRES, track.id(), false);
        }
      }
      heartbeat.run();
      if (page.size() < settings.pageSize()) {
        return;
      }
      UUID last = page.get(page.size() - 1).id();
      page = dao.pageAfter(userId, patterns, last, settings.pageSize());
    }
  }
}
