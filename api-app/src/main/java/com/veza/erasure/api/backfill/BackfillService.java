package com.veza.erasure.api.backfill;

import com.veza.erasure.deletion.backfill.BackfillInput;
import com.veza.erasure.deletion.backfill.LegacyBackfillStarter;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.UUID;

/**
 * Runs the legacy backfill now through Temporal (the worker pages and starts), and answers dry runs
 * from PostgreSQL: nothing is started, and no user id enters a workflow history.
 */
public final class BackfillService implements Backfills {

  private final LegacyBackfillStarter starter;
  private final LegacyCandidatesReadDao candidates;

  public BackfillService(
      WorkflowClient client, String taskQueue, LegacyCandidatesReadDao candidates) {
    this.starter = new LegacyBackfillStarter(client, taskQueue);
    this.candidates = candidates;
  }

  @Override
  public BackfillStarted runNow() {
    WorkflowExecution execution =
        starter.runNow(new BackfillInput(BackfillInput.DEFAULT_PAGE_SIZE));
    return new BackfillStarted(execution.getWorkflowId(), execution.getRunId());
  }

  @Override
  public BackfillDryRun dryRun(int limit) {
    long count = candidates.count();
    List<UUID> first = candidates.first(limit);
    return new BackfillDryRun(true, count, first, count > first.size());
  }
}
