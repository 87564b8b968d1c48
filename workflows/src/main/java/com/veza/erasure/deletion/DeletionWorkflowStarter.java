package com.veza.erasure.deletion;

import com.veza.erasure.common.TaskQueues;
import com.veza.erasure.common.UserIds;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Client side of the deletion workflow: how the API (and tests, and operators' tools) start one and
 * reach a running one. Kept beside the workflow so the id scheme and policies live in one place.
 */
public final class DeletionWorkflowStarter {

  private final WorkflowClient client;
  private final String taskQueue;

  public DeletionWorkflowStarter(WorkflowClient client) {
    this(client, TaskQueues.ERASURE);
  }

  public DeletionWorkflowStarter(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  /**
   * Starts the deletion, or returns the running one for the same user: a repeated request (double
   * click, client retry, two devices) joins the first instead of failing or starting a second.
   */
  public WorkflowExecution start(DeletionRequest request) {
    DeletionRequest canonical = canonical(request);
    AccountDeletionWorkflow stub =
        client.newWorkflowStub(AccountDeletionWorkflow.class, options(canonical));
    return WorkflowClient.start(stub::delete, canonical);
  }

  /**
   * Starts the deletion unless one is running for the user, which is left alone: the same id and
   * policies as {@link #start}, but the caller learns which of the two happened (the legacy
   * backfill counts them).
   *
   * @return the new run, or empty when a deletion was already running
   */
  public Optional<WorkflowExecution> startUnlessRunning(DeletionRequest request) {
    DeletionRequest canonical = canonical(request);
    WorkflowOptions options =
        WorkflowOptions.newBuilder(options(canonical))
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .build();
    AccountDeletionWorkflow stub = client.newWorkflowStub(AccountDeletionWorkflow.class, options);
    try {
      return Optional.of(WorkflowClient.start(stub::delete, canonical));
    } catch (WorkflowExecutionAlreadyStarted e) {
      return Optional.empty();
    }
  }

  private static DeletionRequest canonical(DeletionRequest request) {
    String userId = UserIds.parse(request.userId()).toString();
    return new DeletionRequest(
        userId,
        request.keepPublicTracks(),
        request.requestedBy(),
        request.requestedAt(),
        request.recoveryWindow(),
        request.originalDeadline());
  }

  public WorkflowOptions options(DeletionRequest request) {
    String userId = request.userId();
    return WorkflowOptions.newBuilder()
        .setWorkflowId(AccountDeletionWorkflow.workflowId(userId))
        .setTaskQueue(taskQueue)
        // A running deletion is the answer to a second request for the same account.
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        // After a recovery or a completed erasure, the user may ask again.
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        // Set at start too, so the Temporal UI can filter on them before the first workflow task.
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(DeletionSearchAttributes.PHASE, DeletionPhase.SCHEDULED.name())
                .set(
                    DeletionSearchAttributes.SCHEDULED_FOR,
                    OffsetDateTime.ofInstant(request.scheduledFor(), ZoneOffset.UTC))
                .build())
        .setStaticSummary("Account deletion (GDPR Art. 17) for user " + userId)
        .build();
  }

  /** The latest run for the user, whatever its state; queries and updates go to it. */
  public AccountDeletionWorkflow existing(String userId) {
    return client.newWorkflowStub(
        AccountDeletionWorkflow.class,
        AccountDeletionWorkflow.workflowId(UserIds.parse(userId).toString()));
  }

  public WorkflowStub untyped(String userId) {
    return client.newUntypedWorkflowStub(
        AccountDeletionWorkflow.workflowId(UserIds.parse(userId).toString()));
  }
}
