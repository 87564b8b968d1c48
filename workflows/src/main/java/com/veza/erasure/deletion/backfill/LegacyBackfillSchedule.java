package com.veza.erasure.deletion.backfill;

import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import java.time.Duration;
import java.util.List;

/**
 * The Temporal Schedule that runs the legacy backfill every {@code interval}: a pure definition, so
 * what the worker creates is unit-tested (Temporal's test server has no schedules).
 */
public final class LegacyBackfillSchedule {

  /** One schedule per namespace; the worker creates or updates it under this id. */
  public static final String SCHEDULE_ID = "legacy-backfill";

  /** Prefix of the runs it starts; the server appends each run's scheduled time. */
  public static final String WORKFLOW_ID = "legacy-backfill-scheduled";

  private LegacyBackfillSchedule() {}

  public static Schedule of(Duration interval, BackfillInput input, String taskQueue) {
    if (interval == null || interval.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("the backfill interval must be at least one minute");
    }
    if (input == null || !input.valid()) {
      throw new IllegalArgumentException(
          "the backfill page size must be between 1 and " + BackfillInput.MAX_PAGE_SIZE);
    }
    return Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(LegacyBackfillWorkflow.class)
                .setArguments(input)
                .setOptions(
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(WORKFLOW_ID)
                        .setTaskQueue(taskQueue)
                        .setStaticSummary("Backfill of legacy soft-deletes (scheduled)")
                        .build())
                .build())
        .setSpec(
            ScheduleSpec.newBuilder()
                .setIntervals(List.of(new ScheduleIntervalSpec(interval)))
                .build())
        .setPolicy(
            SchedulePolicy.newBuilder()
                // A pass still running when the next is due is the pass that will find them: two
                // would only race for the same accounts.
                .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                // A worker or server down for a while runs one pass when back, not one per
                // missed interval (SKIP would drop them anyway).
                .setCatchupWindow(interval)
                .build())
        .build();
  }
}
