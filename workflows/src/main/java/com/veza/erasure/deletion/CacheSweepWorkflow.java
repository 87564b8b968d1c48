package com.veza.erasure.deletion;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The long-running sweeper: one pass over the Redis keyspace serves every deletion waiting for its
 * cache purge (docs/design.md#cache-sweep). One per task queue, id {@link #WORKFLOW_ID}, started by
 * the first join and kept alive by continue-as-new.
 */
@WorkflowInterface
public interface CacheSweepWorkflow {

  String WORKFLOW_ID = "cache-sweep";

  /** Runs passes for as long as joins come; {@code carry} holds what an earlier run left. */
  @WorkflowMethod
  void sweep(CacheSweepCarry carry);

  /** A deletion waiting for its purge; served by the first pass that starts after it. */
  @SignalMethod
  void join(CacheSweepJoin join);

  @QueryMethod
  CacheSweepStatus status();
}
