package com.veza.erasure.worker.backfill;

import com.veza.erasure.activities.backfill.LegacyBackfill;
import com.veza.erasure.activities.backfill.LegacyBackfillActivitiesImpl;
import com.veza.erasure.deletion.DeletionWorkflowStarter;
import com.veza.erasure.deletion.backfill.LegacyBackfillWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * Registers the legacy backfill (docs/design.md#legacy-backfill) on a worker: its workflow, and its
 * activity, which starts deletions on the worker's own queue through the worker's client.
 */
public final class BackfillWorker {

  private BackfillWorker() {}

  public static void register(Worker worker, WorkflowClient client, Jdbi jdbi, Clock clock) {
    worker.registerWorkflowImplementationTypes(LegacyBackfillWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new LegacyBackfillActivitiesImpl(
            new LegacyBackfill(
                jdbi, new DeletionWorkflowStarter(client, worker.getTaskQueue()), clock)));
  }
}
