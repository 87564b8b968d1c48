package com.veza.erasure.activities.deletion;

import com.veza.erasure.activities.redis.RedisConnector;
import com.veza.erasure.activities.redis.RedisGlob;
import com.veza.erasure.activities.redis.RedisNodes;
import com.veza.erasure.activities.redis.RedisSettings;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges the keys of a whole batch of users in one SCAN pass over every node, then counts what is
 * left in one confirming pass: two passes for the batch where per-user purges take two per user.
 *
 * <p>SCAN MATCH gets the patterns' common literal prefix only; which user a key belongs to is
 * decided here. A key is a user's exactly when Redis would have returned it for that user's own
 * MATCH pattern: the id segment right after a pattern's literal prefix must be one of the batch's
 * canonical ids (a whole-segment lookup, never a prefix test), and the key must then match the
 * user's pattern under Redis' own glob rules ({@link RedisGlob}). Keys of anyone else, ids sharing
 * a prefix with a batch id or glob-looking names included, are never unlinked.
 */
public final class CacheSweeper {

  private static final Logger log = LoggerFactory.getLogger(CacheSweeper.class);
  private static final String INITIAL_CURSOR = ScanCursor.INITIAL.getCursor();
  private static final int ID_LENGTH = 36;

  /** The pass a sweep is in. */
  public enum Phase {
    /** SCAN + UNLINK of the batch's keys. */
    PURGE,
    /** SCAN only, counting the batch's keys still there. */
    CONFIRM,
    DONE;

    Phase next() {
      return switch (this) {
        case PURGE -> CONFIRM;
        case CONFIRM, DONE -> DONE;
      };
    }
  }

  /**
   * Where a sweep stands: the next SCAN goes to node {@code nodeIndex} ({@code nodeId}) with {@code
   * cursor}, in {@code phase}. Counts hold only users with a non-zero count and cover every call
   * that led here, so the heartbeat stays small and a later attempt resumes from it.
   */
  public record Progress(
      Phase phase,
      int nodeIndex,
      String nodeId,
      String cursor,
      Map<String, Long> deleted,
      Map<String, Long> left,
      long scanCalls) {

    public static Progress start() {
      return new Progress(Phase.PURGE, 0, null, INITIAL_CURSOR, Map.of(), Map.of(), 0);
    }
  }

  private final RedisConnector connector;
  private final RedisSettings settings;

  public CacheSweeper(RedisConnector connector) {
    this.connector = connector;
    this.settings = connector.settings();
  }

  /**
   * Sweeps the batch from {@code startFrom} (null: from the start) to the end of the confirming
   * pass.
   *
   * @param onProgress called after each SCAN page (and its UNLINK); may throw to stop the sweep
   */
  public Progress sweep(Collection<UUID> users, Progress startFrom, Consumer<Progress> onProgress) {
    Set<String> batch = new HashSet<>();
    users.forEach(u -> batch.add(u.toString()));
    Progress from = startFrom == null ? Progress.start() : startFrom;
    if (from.phase() == Phase.DONE) {
      return from;
    }
    return RedisKeyPurger.translateAuthFailure(
        () -> {
          try (RedisNodes redis = connector.open()) {
            List<RedisNodes.Node> nodes = redis.nodes();
            Progress progress = resumable(from, nodes);
            if (startFrom != null) {
              log.info(
                  "Resuming cache sweep of {} users in {} at node {} after {} SCAN calls",
                  batch.size(),
                  progress.phase(),
                  progress.nodeIndex(),
                  progress.scanCalls());
            }
            Set<String> countedLeft = new HashSet<>();
            while (progress.phase() != Phase.DONE) {
              progress = page(batch, nodes, progress, countedLeft);
              onProgress.accept(progress);
            }
            log.info(
                "Cache sweep of {} users done: {} keys deleted, {} left, {} SCAN calls, {} node(s)",
                batch.size(),
                sum(progress.deleted()),
                sum(progress.left()),
                progress.scanCalls(),
                nodes.size());
            return progress;
          }
        });
  }

  /** The MATCH of both passes: every key any pattern could match, whoever the user. */
  ScanArgs scanArgs() {
    ScanArgs args = ScanArgs.Builder.limit(settings.scanCount());
    String prefix = settings.commonLiteralPrefix();
    // Validated to hold no glob character, so it needs no escaping.
    return prefix.isEmpty() ? args : args.match(prefix + "*");
  }

  /** The batch user {@code key} belongs to, or null when it is nobody's in the batch. */
  String ownerOf(String key, Set<String> batch) {
    for (int p = 0; p < settings.keyPatterns().size(); p++) {
      String prefix = settings.literalPrefix(p);
      if (key.length() < prefix.length() + ID_LENGTH || !key.startsWith(prefix)) {
        continue;
      }
      String id = key.substring(prefix.length(), prefix.length() + ID_LENGTH);
      if (batch.contains(id)
          && RedisGlob.matches(settings.matchPattern(p, UUID.fromString(id)), key)) {
        return id;
      }
    }
    return null;
  }

  private Progress page(
      Set<String> batch, List<RedisNodes.Node> nodes, Progress at, Set<String> countedLeft) {
    RedisNodes.Node node = nodes.get(at.nodeIndex());
    KeyScanCursor<String> page = node.commands().scan(ScanCursor.of(at.cursor()), scanArgs());
    Map<String, List<String>> byOwner = new LinkedHashMap<>();
    for (String key : page.getKeys()) {
      String owner = ownerOf(key, batch);
      if (owner != null) {
        byOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add(key);
      }
    }
    Map<String, Long> deleted = at.deleted();
    Map<String, Long> left = at.left();
    if (!byOwner.isEmpty() && at.phase() == Phase.PURGE) {
      List<String> owners = new ArrayList<>(byOwner.keySet());
      long[] unlinked = node.unlinkEach(new ArrayList<>(byOwner.values()));
      deleted = new HashMap<>(deleted);
      for (int i = 0; i < owners.size(); i++) {
        if (unlinked[i] > 0) {
          deleted.merge(owners.get(i), unlinked[i], Long::sum);
        }
      }
    } else if (!byOwner.isEmpty()) {
      left = new HashMap<>(left);
      for (Map.Entry<String, List<String>> owned : byOwner.entrySet()) {
        // SCAN may return a key twice; a key counts once.
        long fresh = owned.getValue().stream().filter(countedLeft::add).count();
        if (fresh > 0) {
          left.merge(owned.getKey(), fresh, Long::sum);
        }
      }
    }
    long scanCalls = at.scanCalls() + 1;
    if (!page.isFinished()) {
      return new Progress(
          at.phase(), at.nodeIndex(), node.id(), page.getCursor(), deleted, left, scanCalls);
    }
    boolean lastNode = at.nodeIndex() + 1 >= nodes.size();
    Phase phase = lastNode ? at.phase().next() : at.phase();
    int nextNode = lastNode ? 0 : at.nodeIndex() + 1;
    return new Progress(
        phase, nextNode, nodes.get(nextNode).id(), INITIAL_CURSOR, deleted, left, scanCalls);
  }

  /**
   * A cursor only means something on the node that issued it. After a topology change the current
   * pass starts again from its first node: a second UNLINK is harmless, a skipped key is not; a
   * confirming pass started again counts from zero.
   */
  private static Progress resumable(Progress from, List<RedisNodes.Node> nodes) {
    if (nodes.isEmpty()) {
      throw new IllegalStateException("no Redis node to scan (cluster without masters?)");
    }
    Map<String, Long> deleted = from.deleted() == null ? Map.of() : from.deleted();
    Map<String, Long> left = from.left() == null ? Map.of() : from.left();
    boolean sameNode =
        from.nodeIndex() < nodes.size()
            && (from.nodeId() == null
                ? INITIAL_CURSOR.equals(from.cursor()) && from.nodeIndex() == 0
                : from.nodeId().equals(nodes.get(from.nodeIndex()).id()));
    if (sameNode) {
      return new Progress(
          from.phase(),
          from.nodeIndex(),
          nodes.get(from.nodeIndex()).id(),
          from.cursor() == null ? INITIAL_CURSOR : from.cursor(),
          deleted,
          left,
          from.scanCalls());
    }
    return new Progress(
        from.phase(),
        0,
        nodes.get(0).id(),
        INITIAL_CURSOR,
        deleted,
        from.phase() == Phase.CONFIRM ? Map.of() : left,
        from.scanCalls());
  }

  private static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
