package com.veza.erasure.common;

/** Task queues the workers poll; the API starts workflows on these. */
public final class TaskQueues {
  /** Deletion and export workflows and their activities share one queue: one worker deployment. */
  public static final String ERASURE = "erasure";

  private TaskQueues() {}
}
