package com.veza.erasure.activities.backfill;

import com.veza.erasure.deletion.backfill.BackfillInput;
import com.veza.erasure.deletion.backfill.BackfillResult;
import com.veza.erasure.deletion.backfill.LegacyBackfillActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;

/**
 * The activity around {@link LegacyBackfill}: resumes from the last heartbeat, heartbeats pages.
 */
public final class LegacyBackfillActivitiesImpl implements LegacyBackfillActivities {

  private final LegacyBackfill backfill;

  public LegacyBackfillActivitiesImpl(LegacyBackfill backfill) {
    this.backfill = backfill;
  }

  @Override
  public BackfillResult startLegacyDeletions(BackfillInput input) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    ActivityInfo info = context.getInfo();
    LegacyBackfill.Progress from =
        context
            .getHeartbeatDetails(LegacyBackfill.Progress.class)
            .orElse(LegacyBackfill.Progress.START);
    return backfill.run(
        input,
        from,
        new LegacyBackfill.Origin(info.getWorkflowId(), info.getWorkflowRunId()),
        context::heartbeat);
  }
}
