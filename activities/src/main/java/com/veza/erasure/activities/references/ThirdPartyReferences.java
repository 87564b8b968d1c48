package com.veza.erasure.activities.references;

import com.veza.erasure.common.UserIds;
import com.veza.erasure.deletion.LedgerRef;
import org.jdbi.v3.core.Jdbi;

/** What the rest of the erasure needs to know of third-party references. */
public final class ThirdPartyReferences {

  /**
   * What a name is replaced with in other users' tracks: the artist text kept public tracks of the
   * user get too, so a reader cannot tell the two apart.
   */
  public static final String ANONYMOUS_ARTIST = "Anonymous artist";

  private final ReferenceDao dao;

  public ThirdPartyReferences(Jdbi jdbi) {
    this.dao = jdbi.onDemand(ReferenceDao.class);
  }

  /** Forgets which tracks named the user, once the receipt holds the counts. */
  public int delete(LedgerRef ref) {
    return dao.deleteFor(ref.runId(), UserIds.parse(ref.userId()));
  }
}
