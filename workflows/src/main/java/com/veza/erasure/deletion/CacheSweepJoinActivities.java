package com.veza.erasure.deletion;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** How a deletion joins the cache sweep (docs/design.md#cache-sweep). */
@ActivityInterface
public interface CacheSweepJoinActivities {

  /**
   * Signals the sweeper workflow, starting it if none runs (signal-with-start: workflow code cannot
   * start a workflow by id if absent). Returns {@link CacheSweepTicket#notJoined()} when the sweep
   * is off or Redis is not configured on this worker.
   */
  @ActivityMethod
  CacheSweepTicket joinCacheSweep(CacheSweepJoinInput input);
}
