package com.veza.erasure.worker.deletion;

import com.veza.erasure.activities.deletion.CacheSweepSettings;
import com.veza.erasure.activities.deletion.DeletionActivities;
import com.veza.erasure.activities.deletion.SearchIndexPurger;
import com.veza.erasure.activities.export.ExportStorage;
import com.veza.erasure.activities.redis.RedisConnector;
import com.veza.erasure.deletion.AccountDeletionWorkflowImpl;
import com.veza.erasure.deletion.CacheSweepWorkflowImpl;
import com.veza.erasure.deletion.DeletionActivityOptions;
import io.temporal.worker.Worker;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * Registers the account deletion (docs/design.md#deletion-workflow) on a worker: the workflow and
 * every activity.
 */
public final class DeletionWorker {

  private DeletionWorker() {}

  /**
   * Registers the deletion workflow and its activities on the worker.
   *
   * @param redis null when Redis is not configured (the cache step is SKIPPED)
   * @param search null when Elasticsearch is not configured (the search step is SKIPPED)
   * @param exports data export files, deleted with the account
   */
  public static void register(
      Worker worker,
      Jdbi jdbi,
      Clock clock,
      RedisConnector redis,
      SearchIndexPurger search,
      ExportStorage exports,
      DeletionWorkerSettings settings) {
    register(worker, jdbi, clock, redis, search, exports, settings, CacheSweepSettings.disabled());
  }

  /**
   * As above, with the cache sweep: the sweeper workflow is registered whatever {@code sweep} says,
   * so a sweeper started while another worker had it on still finishes its passes here.
   */
  public static void register(
      Worker worker,
      Jdbi jdbi,
      Clock clock,
      RedisConnector redis,
      SearchIndexPurger search,
      ExportStorage exports,
      DeletionWorkerSettings settings,
      CacheSweepSettings sweep) {
    worker.registerWorkflowImplementationTypes(
        DeletionActivityOptions.withGiveUpAfter(settings.getStepGiveUpAfter()),
        AccountDeletionWorkflowImpl.class);
    worker.registerWorkflowImplementationTypes(CacheSweepWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        DeletionActivities.create(jdbi, clock, redis, search, exports, sweep).toArray());
  }
}
