package com.veza.erasure.api.backfill;

/** What the backfill resource asks for; {@link BackfillService} answers through Temporal. */
public interface Backfills {

  /** Starts a pass now, or joins the one an operator started that still runs. */
  BackfillStarted runNow();

  /** The candidates a pass would start now, the first {@code limit} of them by id. */
  BackfillDryRun dryRun(int limit);
}
