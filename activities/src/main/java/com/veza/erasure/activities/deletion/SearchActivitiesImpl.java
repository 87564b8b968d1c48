package com.veza.erasure.activities.deletion;

import com.veza.erasure.common.ErasureErrors;
import com.veza.erasure.common.UserIds;
import com.veza.erasure.deletion.LedgerRef;
import com.veza.erasure.deletion.OwnedContent;
import com.veza.erasure.deletion.SearchActivities;
import com.veza.erasure.deletion.SearchPurgeInput;
import com.veza.erasure.deletion.SearchPurgeResult;
import com.veza.erasure.deletion.SnapshotInput;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Elasticsearch step of the erasure; a worker without Elasticsearch configured skips it. */
public class SearchActivitiesImpl implements SearchActivities {
  private static final Logger LOG = LoggerFactory.getLogger(SearchActivitiesImpl.class);

  private final SearchIndexPurger purger;
  private final ContentSnapshots snapshots;

  /**
   * @param purger null when Elasticsearch is not configured on this worker
   * @param snapshots where {@link #purgeSearchFromSnapshot} reads the ids
   */
  public SearchActivitiesImpl(SearchIndexPurger purger, ContentSnapshots snapshots) {
    this.purger = purger;
    this.snapshots = snapshots;
  }

  @Override
  public SearchPurgeResult purgeSearchFromSnapshot(SnapshotInput input) {
    LedgerRef ref = input == null ? null : input.ref();
    if (ref == null) {
      throw ErasureErrors.INVALID_INPUT.failure("ledger ref is required");
    }
    UUID userId = UserIds.parse(ref.userId());
    if (purger == null) {
      LOG.info("search purge skipped user={}: Elasticsearch not configured", userId);
      return SearchPurgeResult.skippedResult();
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    return purger.purge(
        userId, snapshots.read(ref, input.keepPublicTracks()), () -> context.heartbeat(null));
  }

  @Override
  @Deprecated
  public SearchPurgeResult purgeSearch(SearchPurgeInput input) {
    // Parsed first, so a malformed id fails the same way whether or not Elasticsearch is
    // configured.
    UUID userId = UserIds.parse(input.userId());
    if (purger == null) {
      LOG.info("search purge skipped user={}: Elasticsearch not configured", userId);
      return SearchPurgeResult.skippedResult();
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    OwnedContent content = input.content() == null ? OwnedContent.empty() : input.content();
    return purger.purge(userId, input.keepPublicTracks(), content, () -> context.heartbeat(null));
  }
}
