package com.veza.erasure.worker.deletion;

import com.veza.erasure.activities.coverage.CoverageGate;
import com.veza.erasure.activities.deletion.CacheSweepSettings;
import com.veza.erasure.activities.deletion.DeletionActivities;
import com.veza.erasure.activities.deletion.SearchIndexPurger;
import com.veza.erasure.activities.erasuremap.ValidatedErasureMap;
import com.veza.erasure.activities.export.ExportStorage;
import com.veza.erasure.activities.notify.NotificationSettings;
import com.veza.erasure.activities.redis.RedisConnector;
import com.veza.erasure.activities.references.ReferenceSettings;
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
   * @param map what erasure removes and anonymizes, validated at start
   * @param coverage run before an erasure changes anything: a gap parks it with COVERAGE_GAP
   * @param references whether third-party references are only counted or also scrubbed
   * @param notifications whether, and through which relay, the user is emailed
   * @param sweep the cache sweep; the sweeper workflow is registered whatever it says, so a sweeper
   *     started while another worker had it on still finishes its passes here
   */
  public static void register(
      Worker worker,
      Jdbi jdbi,
      Clock clock,
      RedisConnector redis,
      SearchIndexPurger search,
      ExportStorage exports,
      ValidatedErasureMap map,
      CoverageGate coverage,
      DeletionWorkerSettings settings,
      ReferenceSettings references,
      NotificationSettings notifications,
      CacheSweepSettings sweep) {
    worker.registerWorkflowImplementationTypes(
        DeletionActivityOptions.withGiveUpAfter(settings.getStepGiveUpAfter()),
        AccountDeletionWorkflowImpl.class);
    worker.registerWorkflowImplementationTypes(CacheSweepWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        DeletionActivities.create(
                jdbi,
                clock,
                redis,
                search,
                exports,
                map,
                coverage,
                references,
                notifications,
                sweep)
            .toArray());
  }
}
