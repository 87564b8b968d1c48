package com.veza.erasure.deletion;

import java.time.Duration;

/**
 * The worker's answer to a join, recorded in the deletion's history so a later configuration change
 * never alters a running deletion.
 *
 * @param joined the sweeper has the request; false when the sweep is off or Redis is not
 *     configured, and the deletion purges its user's keys alone as before
 * @param waitBound how long the deletion waits for the sweep's answer before purging alone
 */
public record CacheSweepTicket(boolean joined, Duration waitBound) {

  public static CacheSweepTicket notJoined() {
    return new CacheSweepTicket(false, Duration.ZERO);
  }
}
