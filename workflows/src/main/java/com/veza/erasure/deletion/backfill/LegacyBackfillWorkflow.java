package com.veza.erasure.deletion.backfill;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One pass of the backfill of legacy soft-deletes (docs/design.md#legacy-backfill): every account
 * the platform's old hard-delete worker soft-deleted, and that has no deletion of this service,
 * gets its deletion workflow with its original deadline. Started by the Temporal Schedule {@link
 * LegacyBackfillSchedule#SCHEDULE_ID} and by {@code POST /v1/admin/backfill}. Its history holds the
 * input and the counts only: the activity pages and starts, so no user id enters it.
 */
@WorkflowInterface
public interface LegacyBackfillWorkflow {

  /** The id of a run an operator asked for now; a second request while it runs joins it. */
  String RUN_NOW_ID = "legacy-backfill-now";

  @WorkflowMethod
  BackfillResult backfill(BackfillInput input);
}
