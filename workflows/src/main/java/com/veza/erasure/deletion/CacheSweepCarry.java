package com.veza.erasure.deletion;

import java.util.List;

/**
 * What a sweeper run hands the next when it continues as new: the joins not yet served, so none is
 * lost, and the pass count for operators.
 *
 * @param continueAsNewAfterEvents history length past which a run continues as new; 0 for {@link
 *     CacheSweepWorkflowImpl#CONTINUE_AS_NEW_AFTER_EVENTS}. In the input, so a test can see a
 *     continue-as-new within a few passes and replay stays deterministic.
 */
public record CacheSweepCarry(
    List<CacheSweepJoin> pending, long passes, long continueAsNewAfterEvents) {

  public static CacheSweepCarry empty() {
    return new CacheSweepCarry(List.of(), 0, 0);
  }
}
