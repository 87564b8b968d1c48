package com.veza.erasure.deletion;

/**
 * A deletion asking to have its user's Redis keys purged by the next sweep pass.
 *
 * @param userId the user's UUID
 * @param workflowId the deletion workflow the sweeper answers
 * @param runId its run: a later deletion of the same user is another run and is never answered for
 *     this one
 * @param ticket which of the run's purges this is (a retried pass asks again with the next one)
 */
public record CacheSweepJoinInput(String userId, String workflowId, String runId, long ticket) {}
