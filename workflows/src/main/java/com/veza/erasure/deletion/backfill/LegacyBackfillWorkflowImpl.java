package com.veza.erasure.deletion.backfill;

import com.veza.erasure.common.ErasureErrors;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** One activity does the paging and the starts, so the history holds counts and nothing else. */
public class LegacyBackfillWorkflowImpl implements LegacyBackfillWorkflow {

  static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          // Each page is one query and one start RPC per account: a million accounts take hours,
          // and the heartbeat, not this, notices a dead worker.
          .setStartToCloseTimeout(Duration.ofHours(6))
          // A heartbeat after every page; a page of 10,000 starts takes well under a minute.
          .setHeartbeatTimeout(Duration.ofMinutes(2))
          // The next scheduled pass starts over anyway: no point retrying past a day.
          .setScheduleToCloseTimeout(Duration.ofDays(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  // PostgreSQL or Temporal restarting: retry soon, resuming at the last page done.
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(5))
                  .setDoNotRetry(ErasureErrors.INVALID_INPUT.name())
                  .build())
          .build();

  @Override
  public BackfillResult backfill(BackfillInput input) {
    if (input == null || !input.valid()) {
      throw ErasureErrors.INVALID_INPUT.failure(
          "pageSize must be between 1 and " + BackfillInput.MAX_PAGE_SIZE);
    }
    return Workflow.newActivityStub(
            LegacyBackfillActivities.class,
            ActivityOptions.newBuilder(OPTIONS)
                .setSummary("Start the deletions of accounts soft-deleted by the old path")
                .build())
        .startLegacyDeletions(input);
  }
}
