package com.veza.erasure.deletion;

/**
 * The sweeper's query answer, for operators and tests.
 *
 * @param pendingJoins joins waiting for the next pass
 * @param sweepingJoins joins of the pass now running (0 between passes)
 * @param passes passes finished, over every run of the sweeper
 */
public record CacheSweepStatus(int pendingJoins, int sweepingJoins, long passes) {}
