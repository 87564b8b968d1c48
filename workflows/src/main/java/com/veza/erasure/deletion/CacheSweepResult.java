package com.veza.erasure.deletion;

import java.util.List;

/**
 * What one sweep pass did: counts only, so the sweeper's history stays small.
 *
 * @param users every user of the batch, in batch order
 * @param scanCalls SCAN round trips of both passes, over every node: shared by the whole batch
 */
public record CacheSweepResult(List<CacheSweepUserCounts> users, long scanCalls) {}
