package com.veza.erasure.activities.deletion;

import com.veza.erasure.activities.coverage.CoverageCheck;
import com.veza.erasure.activities.coverage.CoverageGate;
import com.veza.erasure.activities.erasuremap.ErasureMaps;
import com.veza.erasure.activities.erasuremap.ValidatedErasureMap;
import com.veza.erasure.activities.export.ExportCleanupActivitiesImpl;
import com.veza.erasure.activities.export.ExportStorage;
import com.veza.erasure.activities.notify.NoticeOutboxActivitiesImpl;
import com.veza.erasure.activities.notify.NotificationActivitiesImpl;
import com.veza.erasure.activities.notify.NotificationSettings;
import com.veza.erasure.activities.redis.RedisConnector;
import com.veza.erasure.activities.references.ReferenceActivitiesImpl;
import com.veza.erasure.activities.references.ReferenceSettings;
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
   * Every activity implementation of the deletion workflow, ready to register on a worker: third-
   * party references counted, never scrubbed, and no email sent.
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
    return create(
        jdbi,
        clock,
        redis,
        search,
        exports,
        ErasureMaps.reference(),
        new CoverageGate(CoverageCheck.reference(jdbi)),
        ReferenceSettings.COUNT_ONLY,
        NotificationSettings.OFF,
        CacheSweepSettings.disabled());
  }

  /**
   * As {@link #create(Jdbi, Clock, RedisConnector, SearchIndexPurger, ExportStorage)}, erasing by
   * {@code map} (docs/describe-your-schema.md), after {@code coverage} found no gap, with how
   * third-party references are treated and whether the user is emailed. The map's Redis patterns
   * are the connector's to apply: the worker builds the connector's settings from them; its search
   * indices are {@code search}'s to purge ({@link SearchIndexPurger#forMap}).
   *
   * @param coverage run before an erasure changes anything
   * @param sweep off: joins are refused and every deletion purges its user's keys alone
   */
  public static List<Object> create(
      Jdbi jdbi,
      Clock clock,
      RedisConnector redis,
      SearchIndexPurger search,
      ExportStorage exports,
      ValidatedErasureMap map,
      CoverageGate coverage,
      ReferenceSettings references,
      NotificationSettings notifications,
      CacheSweepSettings sweep) {
    RedisKeyPurger cachePurger = redis == null ? null : new RedisKeyPurger(redis);
    // The map names the indices, as it names the tables: the purger brings the client.
    SearchIndexPurger searchByMap = search == null ? null : search.forMap(map);
    ContentSnapshots snapshots = new ContentSnapshots(jdbi);
    return List.of(
        new AccountActivitiesImpl(jdbi, clock, map, coverage),
        new LedgerActivitiesImpl(jdbi, clock),
        new CacheActivitiesImpl(cachePurger),
        new CacheSweepJoinActivitiesImpl(sweep, redis != null),
        new CacheSweepActivitiesImpl(redis == null ? null : new CacheSweeper(redis)),
        new SearchActivitiesImpl(searchByMap, snapshots),
        new ExportCleanupActivitiesImpl(jdbi, exports, clock),
        new VerificationActivitiesImpl(
            new AccountVerifier(jdbi, map), cachePurger, searchByMap, exports, snapshots),
        new ReferenceActivitiesImpl(jdbi, searchByMap, references),
        new NotificationActivitiesImpl(jdbi, notifications),
        new NoticeOutboxActivitiesImpl(jdbi, notifications));
  }
}
