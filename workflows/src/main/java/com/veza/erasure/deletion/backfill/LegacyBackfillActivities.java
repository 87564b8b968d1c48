package com.veza.erasure.deletion.backfill;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface LegacyBackfillActivities {

  /**
   * Pages through the accounts the old path soft-deleted that have no deletion of this service, and
   * starts each one's deletion workflow with its original deadline ({@code
   * account-deletion-<userId>}; one already running is left alone). Heartbeats after every page
   * with its cursor, so a retried attempt resumes after the last page done. Repeating it starts
   * nothing twice.
   */
  BackfillResult startLegacyDeletions(BackfillInput input);
}
