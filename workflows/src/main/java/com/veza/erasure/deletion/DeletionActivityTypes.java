package com.veza.erasure.deletion;

import com.veza.erasure.common.ActivityTypes;
import java.util.Set;

/**
 * Activity type names of the deletion workflow, derived from its activity interfaces: what the
 * worker's metrics key on. Type names are recorded in every history, so a method rename is a
 * breaking change the replay tests catch; here it only has to compile.
 */
public final class DeletionActivityTypes {

  public static final String MARK_PENDING_DELETION =
      ActivityTypes.typeOf(AccountActivities.class, a -> a.markPendingDeletion(null));
  public static final String RESTORE_ACCOUNT =
      ActivityTypes.typeOf(AccountActivities.class, a -> a.restoreAccount(null));
  public static final String RECORD_PHASE =
      ActivityTypes.typeOf(LedgerActivities.class, l -> l.recordPhase(null));
  public static final String RECORD_RECEIPT =
      ActivityTypes.typeOf(LedgerActivities.class, l -> l.recordReceipt(null));
  public static final String PURGE_CACHE =
      ActivityTypes.typeOf(CacheActivities.class, c -> c.purgeCache(null));
  public static final String JOIN_CACHE_SWEEP =
      ActivityTypes.typeOf(CacheSweepJoinActivities.class, c -> c.joinCacheSweep(null));

  /** The search purge of runs started before content-snapshot. */
  @SuppressWarnings("deprecation") // names the type; runs started before still schedule it
  public static final String PURGE_SEARCH =
      ActivityTypes.typeOf(SearchActivities.class, s -> s.purgeSearch(null));

  public static final String PURGE_SEARCH_FROM_SNAPSHOT =
      ActivityTypes.typeOf(SearchActivities.class, s -> s.purgeSearchFromSnapshot(null));

  public static final String NOTIFY_COMPLETED =
      ActivityTypes.typeOf(NotificationActivities.class, n -> n.notifyCompleted(null));

  private static final Set<String> ALL =
      ActivityTypes.typesOf(DeletionActivityOptions.BY_INTERFACE.keySet());

  private DeletionActivityTypes() {}

  /** Every activity type the deletion workflow schedules. */
  public static Set<String> all() {
    return ALL;
  }
}
