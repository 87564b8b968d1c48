package com.veza.erasure.deletion;

/**
 * The sweeper's answer to one join.
 *
 * @param ticket the join's ticket
 * @param swept the pass and its confirmation ran; false when the sweep gave up, and the deletion
 *     purges its user alone
 * @param keysDeleted the user's keys the pass unlinked
 * @param keysLeft the user's keys the confirming pass still found
 * @param scanCalls SCAN calls of the whole batch (both passes)
 * @param batchUsers how many users the pass served
 */
public record CacheSweepOutcome(
    long ticket, boolean swept, long keysDeleted, long keysLeft, long scanCalls, int batchUsers) {

  static CacheSweepOutcome failed(long ticket, int batchUsers) {
    return new CacheSweepOutcome(ticket, false, 0, 0, 0, batchUsers);
  }
}
