package com.veza.erasure.activities.deletion;

import com.veza.erasure.common.UserIds;
import com.veza.erasure.deletion.CacheSweepCarry;
import com.veza.erasure.deletion.CacheSweepJoin;
import com.veza.erasure.deletion.CacheSweepJoinActivities;
import com.veza.erasure.deletion.CacheSweepJoinInput;
import com.veza.erasure.deletion.CacheSweepTicket;
import com.veza.erasure.deletion.CacheSweepWorkflow;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.UUID;

/**
 * Joins a deletion to the cache sweep with signal-with-start through the activity's own client: the
 * signal reaches the running sweeper, or starts one when none runs (the first join, or after the
 * sweeper failed). The sweeper runs on this activity's task queue.
 */
public final class CacheSweepJoinActivitiesImpl implements CacheSweepJoinActivities {

  private final CacheSweepSettings settings;
  private final boolean redisConfigured;

  /**
   * @param redisConfigured false when this worker has no Redis: nothing to sweep, never joins
   */
  public CacheSweepJoinActivitiesImpl(CacheSweepSettings settings, boolean redisConfigured) {
    this.settings = settings;
    this.redisConfigured = redisConfigured;
  }

  @Override
  public CacheSweepTicket joinCacheSweep(CacheSweepJoinInput input) {
    UUID userId = UserIds.parse(input == null ? null : input.userId());
    if (!settings.enabled() || !redisConfigured) {
      return CacheSweepTicket.notJoined();
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    WorkflowClient client = context.getWorkflowClient();
    CacheSweepWorkflow sweeper =
        client.newWorkflowStub(
            CacheSweepWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(CacheSweepWorkflow.WORKFLOW_ID)
                .setTaskQueue(context.getInfo().getActivityTaskQueue())
                .build());
    WorkflowStub.fromTyped(sweeper)
        .signalWithStart(
            "join",
            new Object[] {
              new CacheSweepJoin(
                  userId.toString(),
                  input.workflowId(),
                  input.runId(),
                  input.ticket(),
                  settings.batchWindow(),
                  settings.maxBatchSize())
            },
            new Object[] {CacheSweepCarry.empty()});
    return new CacheSweepTicket(true, settings.waitBound());
  }
}
