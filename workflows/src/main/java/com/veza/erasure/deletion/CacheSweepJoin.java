package com.veza.erasure.deletion;

import java.time.Duration;

/**
 * The signal a join sends the sweeper. It carries the worker's current batch settings, so a
 * configuration change reaches the running sweeper with the next join instead of needing a restart.
 *
 * @param userId the user's UUID
 * @param workflowId the deletion workflow to answer
 * @param runId its run
 * @param ticket echoed in the answer, so the deletion can tell it from an answer to an older purge
 * @param batchWindow how long a pass waits for more joins after the first one
 * @param maxBatchSize how many joins a pass takes at most; a full batch starts at once
 */
public record CacheSweepJoin(
    String userId,
    String workflowId,
    String runId,
    long ticket,
    Duration batchWindow,
    int maxBatchSize) {

  /** One join per deletion purge: a join activity retried after its signal landed adds nothing. */
  String key() {
    return workflowId + "/" + runId + "/" + ticket;
  }
}
