package com.veza.erasure.activities.deletion;

import com.veza.erasure.activities.redis.RedisConnector;
import com.veza.erasure.common.UserIds;
import com.veza.erasure.deletion.CacheActivities;
import com.veza.erasure.deletion.CachePurgeInput;
import com.veza.erasure.deletion.CachePurgeResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache purge (docs/design.md#redis-purge). The SCAN loop lives in {@link RedisKeyPurger}; this
 * class wires its progress to heartbeats, so a retried attempt resumes at the last heartbeated
 * cursor.
 */
public final class CacheActivitiesImpl implements CacheActivities {

  private static final Logger log = LoggerFactory.getLogger(CacheActivitiesImpl.class);

  private final RedisKeyPurger purger;

  /**
   * @param purger null when Redis is not configured on this worker: every purge is skipped
   */
  public CacheActivitiesImpl(RedisKeyPurger purger) {
    this.purger = purger;
  }

  /**
   * The cache activities over a connector; without one every purge is SKIPPED.
   *
   * @param connector null when Redis is not configured on this worker
   */
  public static CacheActivitiesImpl of(RedisConnector connector) {
    return new CacheActivitiesImpl(connector == null ? null : new RedisKeyPurger(connector));
  }

  @Override
  public CachePurgeResult purgeCache(CachePurgeInput input) {
    // Parsed before anything else: only a canonical UUID (no glob character) reaches a pattern.
    UUID userId = UserIds.parse(input == null ? null : input.userId());
    if (purger == null) {
      log.info("Redis not configured: cache purge skipped for user {}", userId);
      return CachePurgeResult.skippedResult();
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    RedisKeyPurger.Progress from =
        context.getHeartbeatDetails(RedisKeyPurger.Progress.class).orElse(null);
    RedisKeyPurger.Progress done = purger.purge(userId, from, context::heartbeat);
    return new CachePurgeResult(false, done.keysDeleted(), done.scanCalls());
  }
}
