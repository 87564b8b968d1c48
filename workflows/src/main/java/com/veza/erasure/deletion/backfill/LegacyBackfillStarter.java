package com.veza.erasure.deletion.backfill;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;

/** Starts a backfill pass now, for {@code POST /v1/admin/backfill} and operators' tools. */
public final class LegacyBackfillStarter {

  private final WorkflowClient client;
  private final String taskQueue;

  public LegacyBackfillStarter(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  /** Starts a pass, or returns the one an operator already started and that still runs. */
  public WorkflowExecution runNow(BackfillInput input) {
    LegacyBackfillWorkflow stub =
        client.newWorkflowStub(LegacyBackfillWorkflow.class, options(taskQueue));
    return WorkflowClient.start(stub::backfill, input);
  }

  public static WorkflowOptions options(String taskQueue) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(LegacyBackfillWorkflow.RUN_NOW_ID)
        .setTaskQueue(taskQueue)
        // Two clicks run one pass: a second would only race the first for the same accounts.
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setStaticSummary("Backfill of legacy soft-deletes (run now)")
        .build();
  }
}
