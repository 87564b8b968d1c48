package com.veza.erasure.activities.deletion;

import com.veza.erasure.activities.export.ExportCleanupActivitiesImpl;
import com.veza.erasure.activities.export.ExportStorage;
import com.veza.erasure.activities.redis.RedisConnector;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Every activity implementation of the deletion workflow, wired to the stores a worker has. Redis
 * and Elasticsearch are optional: without them their steps report SKIPPED.
 */
public final class DeletionActivities {

  private DeletionActivities() {}

  /**
   * Every activity implementation of the deletion workflow, ready to register on a worker.
   *
   * @param redis null when Redis is not configured
   * @param search null when Elasticsearch is not configured
   * @param exports where data export files live: erasure deletes the user's, verification counts
   *     what is left
   */
  public static List<Object> create(
      Jdbi jdbi,
      Clock clock,
      RedisConnector redis,
      SearchIndexPurger search,
      ExportStorage exports) {
    return create(jdbi, clock, redis, search, exports, CacheSweepSettings.disabled());
  }

  /**
   * As {@link #create(Jdbi, Clock, RedisConnector, SearchIndexPurger, ExportStorage)}, with the
   * cache sweep's join and pass (the worker also registers the sweeper workflow).
   *
   * @param sweep off: joins are refused and every deletion purges its user's keys alone
   */
  public static List<Object> create(
      Jdbi jdbi,
      Clock clock,
      RedisConnector redis,
      SearchIndexPurger search,
      ExportStorage exports,
      CacheSweepSettings sweep) {
    RedisKeyPurger cachePurger = redis == null ? null : new RedisKeyPurger(redis);
    ContentSnapshots snapshots = new ContentSnapshots(jdbi);
    return List.of(
        new AccountActivitiesImpl(jdbi, clock),
        new LedgerActivitiesImpl(jdbi, clock),
        new CacheActivitiesImpl(cachePurger),
        new CacheSweepJoinActivitiesImpl(sweep, redis != null),
        new CacheSweepActivitiesImpl(redis == null ? null : new CacheSweeper(redis)),
        new SearchActivitiesImpl(search, snapshots),
        new ExportCleanupActivitiesImpl(jdbi, exports, clock),
        new VerificationActivitiesImpl(
            new AccountVerifier(jdbi), cachePurger, search, exports, snapshots));
  }
}
