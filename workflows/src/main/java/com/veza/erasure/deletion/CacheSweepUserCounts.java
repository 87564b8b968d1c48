package com.veza.erasure.deletion;

/**
 * One user's share of a sweep.
 *
 * @param keysDeleted keys of the user the pass unlinked
 * @param keysLeft keys of the user the confirming pass still found (a cache refill racing the
 *     purge); counted, never deleted, so the verification reports them
 */
public record CacheSweepUserCounts(String userId, long keysDeleted, long keysLeft) {}
