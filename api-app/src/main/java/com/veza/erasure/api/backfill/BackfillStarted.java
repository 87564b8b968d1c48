package com.veza.erasure.api.backfill;

/** Answer of a backfill run: the pass's workflow, whose result holds its counts. */
public record BackfillStarted(String workflowId, String runId) {}
