package com.veza.erasure.activities.deletion;

import com.veza.erasure.activities.redis.RedisConnector;
import com.veza.erasure.activities.redis.RedisNodes;
import com.veza.erasure.activities.redis.RedisSettings;
import com.veza.erasure.common.ErasureErrors;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a user's Redis keys with SCAN + MATCH and UNLINK per page, never KEYS (which blocks the
 * server for the whole keyspace). The position is a {@link Progress} reported after every page, so
 * a caller can persist it (the activity heartbeats it) and a later call resumes from it.
 */
public final class RedisKeyPurger {

  private static final Logger log = LoggerFactory.getLogger(RedisKeyPurger.class);
  private static final String INITIAL_CURSOR = ScanCursor.INITIAL.getCursor();

  /**
   * Where a purge stands: the next SCAN goes to node {@code nodeIndex} ({@code nodeId}) with {@code
   * cursor} for pattern {@code patternIndex}. The counts cover every call that led here.
   */
  public record Progress(
      int patternIndex,
      int nodeIndex,
      String nodeId,
      String cursor,
      long keysDeleted,
      long scanCalls) {

    public static Progress start() {
      return new Progress(0, 0, null, INITIAL_CURSOR, 0, 0);
    }

    boolean isDoneFor(int patternCount) {
      return patternIndex >= patternCount;
    }
  }

  private final RedisConnector connector;
  private final RedisSettings settings;

  public RedisKeyPurger(RedisConnector connector) {
    this.connector = connector;
    this.settings = connector.settings();
  }

  /**
   * Purges every key of {@code userId} matching the configured patterns, on every node.
   *
   * @param startFrom the last progress of an earlier call, or null to start over
   * @param onProgress called after each SCAN page (and its UNLINK); may throw to stop the purge
   * @return the final progress, with the total counts
   */
  public Progress purge(UUID userId, Progress startFrom, Consumer<Progress> onProgress) {
    int patternCount = settings.keyPatterns().size();
    Progress from = startFrom == null ? Progress.start() : startFrom;
    if (from.isDoneFor(patternCount)) {
      return from;
    }
    return translateAuthFailure(
        () -> {
          try (RedisNodes redis = connector.open()) {
            List<RedisNodes.Node> nodes = redis.nodes();
            Progress progress = resumable(from, nodes);
            if (startFrom != null) {
              log.info(
                  "Resuming Redis purge for user {} at pattern {} node {}: {} keys deleted so far",
                  userId,
                  progress.patternIndex(),
                  progress.nodeIndex(),
                  progress.keysDeleted());
            }
            while (!progress.isDoneFor(patternCount)) {
              progress = purgePage(userId, nodes, progress);
              onProgress.accept(progress);
            }
            log.info(
                "Redis purge for user {} done: {} keys deleted, {} SCAN calls, {} node(s)",
                userId,
                progress.keysDeleted(),
                progress.scanCalls(),
                nodes.size());
            return progress;
          }
        });
  }

  /**
   * Keys still matching the user's patterns: the total (a key matching two patterns counts once)
   * and per pattern, keyed by the pattern as configured (never by a key, which may hold data).
   */
  public record Remaining(long total, Map<String, Long> byPattern) {}

  /**
   * How many keys still match the user's patterns, across every node; SCAN only, deletes nothing.
   */
  public long countRemaining(UUID userId) {
    return countRemainingByPattern(userId).total();
  }

  /** As {@link #countRemaining}, also per pattern. */
  public Remaining countRemainingByPattern(UUID userId) {
    return translateAuthFailure(
        () -> {
          try (RedisNodes redis = connector.open()) {
            // A set, not a sum: with overlapping patterns one key must count once.
            Set<String> remaining = new HashSet<>();
            Map<String, Long> byPattern = new LinkedHashMap<>();
            for (int p = 0; p < settings.keyPatterns().size(); p++) {
              ScanArgs args = scanArgs(p, userId);
              Set<String> matched = new HashSet<>();
              for (RedisNodes.Node node : redis.nodes()) {
                ScanCursor cursor = ScanCursor.INITIAL;
                do {
                  KeyScanCursor<String> page = node.commands().scan(cursor, args);
                  matched.addAll(page.getKeys());
                  cursor = page;
                } while (!cursor.isFinished());
              }
              byPattern.merge(settings.keyPatterns().get(p), (long) matched.size(), Long::sum);
              remaining.addAll(matched);
            }
            return new Remaining(remaining.size(), Collections.unmodifiableMap(byPattern));
          }
        });
  }

  private Progress purgePage(UUID userId, List<RedisNodes.Node> nodes, Progress at) {
    RedisNodes.Node node = nodes.get(at.nodeIndex());
    KeyScanCursor<String> page =
        node.commands().scan(ScanCursor.of(at.cursor()), scanArgs(at.patternIndex(), userId));
    // An empty page is not the end: only the cursor coming back to 0 is.
    long deleted = node.unlink(page.getKeys());
    long keysDeleted = at.keysDeleted() + deleted;
    long scanCalls = at.scanCalls() + 1;
    if (!page.isFinished()) {
      return new Progress(
          at.patternIndex(), at.nodeIndex(), node.id(), page.getCursor(), keysDeleted, scanCalls);
    }
    boolean lastNode = at.nodeIndex() + 1 >= nodes.size();
    int nextPattern = lastNode ? at.patternIndex() + 1 : at.patternIndex();
    int nextNode = lastNode ? 0 : at.nodeIndex() + 1;
    return new Progress(
        nextPattern, nextNode, nodes.get(nextNode).id(), INITIAL_CURSOR, keysDeleted, scanCalls);
  }

  /**
   * A cursor only means something on the node that issued it. If the topology changed since the
   * progress was recorded (failover, resharding, another server), the pattern is scanned again from
   * its first node: UNLINK of already deleted keys is harmless, a skipped key is not.
   */
  private static Progress resumable(Progress from, List<RedisNodes.Node> nodes) {
    if (nodes.isEmpty()) {
      throw new IllegalStateException("no Redis node to scan (cluster without masters?)");
    }
    boolean sameNode =
        from.nodeIndex() < nodes.size()
            && (from.nodeId() == null
                ? INITIAL_CURSOR.equals(from.cursor()) && from.nodeIndex() == 0
                : from.nodeId().equals(nodes.get(from.nodeIndex()).id()));
    if (sameNode) {
      return new Progress(
          from.patternIndex(),
          from.nodeIndex(),
          nodes.get(from.nodeIndex()).id(),
          from.cursor() == null ? INITIAL_CURSOR : from.cursor(),
          from.keysDeleted(),
          from.scanCalls());
    }
    return new Progress(
        from.patternIndex(),
        0,
        nodes.get(0).id(),
        INITIAL_CURSOR,
        from.keysDeleted(),
        from.scanCalls());
  }

  private ScanArgs scanArgs(int patternIndex, UUID userId) {
    return ScanArgs.Builder.matches(settings.matchPattern(patternIndex, userId))
        .limit(settings.scanCount());
  }

  /**
   * NOAUTH/WRONGPASS: retrying with the same credentials cannot succeed, so it is a non-retryable
   * AUTH_FAILED for an operator. Everything else (refused, timeout, reset) propagates and is
   * retried.
   */
  static <T> T translateAuthFailure(Supplier<T> call) {
    try {
      return call.get();
    } catch (RedisException e) {
      if (isAuthFailure(e)) {
        throw ErasureErrors.AUTH_FAILED.failure("Redis refused the configured credentials", e);
      }
      throw e;
    }
  }

  static boolean isAuthFailure(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null
          && (message.startsWith("NOAUTH")
              || message.startsWith("WRONGPASS")
              || message.contains("NOAUTH ")
              || message.contains("WRONGPASS "))) {
        return true;
      }
    }
    return false;
  }
}
