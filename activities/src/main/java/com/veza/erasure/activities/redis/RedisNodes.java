package com.veza.erasure.activities.redis;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The nodes one attempt scans, the same shape for both topologies: a standalone server is one node,
 * a cluster is its masters. A SCAN cursor is then always a plain per-node cursor that can be
 * heartbeated and resumed, and the keys a page returns are unlinked on the node that holds them.
 */
public final class RedisNodes implements AutoCloseable {

  /** One node and its own connection. */
  public static final class Node {
    private final String id;
    private final StatefulRedisConnection<String, String> connection;
    private final boolean clusterNode;
    private final Duration timeout;

    Node(
        String id,
        StatefulRedisConnection<String, String> connection,
        boolean clusterNode,
        Duration timeout) {
      this.id = id;
      this.connection = connection;
      this.clusterNode = clusterNode;
      this.timeout = timeout;
    }

    /** A stable identity: {@code host:port} standalone, the cluster node id otherwise. */
    public String id() {
      return id;
    }

    /** Commands sent to this node only. */
    public RedisCommands<String, String> commands() {
      return connection.sync();
    }

    /**
     * UNLINK (non-blocking delete) on this node; returns how many of {@code keys} existed.
     *
     * <p>On a cluster node, one multi-key UNLINK over keys of different slots fails with CROSSSLOT,
     * so keys are grouped per slot and the groups pipelined. Lettuce's own cluster routing is not
     * used: with REJECT_COMMANDS it rejects a command whose slot connection is still connecting.
     */
    public long unlink(List<String> keys) {
      if (keys.isEmpty()) {
        return 0;
      }
      if (!clusterNode) {
        return connection.sync().unlink(keys.toArray(String[]::new));
      }
      Map<Integer, List<String>> bySlot = new TreeMap<>();
      keys.forEach(k -> bySlot.computeIfAbsent(SlotHash.getSlot(k), s -> new ArrayList<>()).add(k));
      List<RedisFuture<Long>> pending = new ArrayList<>(bySlot.size());
      bySlot
          .values()
          .forEach(group -> pending.add(connection.async().unlink(group.toArray(String[]::new))));
      long unlinked = 0;
      for (RedisFuture<Long> future : pending) {
        unlinked += LettuceFutures.awaitOrCancel(future, timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      return unlinked;
    }

    /**
     * UNLINK of several groups of keys (e.g. one per user) in one pipelined round trip; returns how
     * many keys of each group existed, in the groups' order. On a cluster node a group is split per
     * slot as in {@link #unlink}.
     */
    public long[] unlinkEach(List<List<String>> groups) {
      List<List<RedisFuture<Long>>> pending = new ArrayList<>(groups.size());
      for (List<String> group : groups) {
        List<RedisFuture<Long>> futures = new ArrayList<>();
        if (clusterNode) {
          Map<Integer, List<String>> bySlot = new TreeMap<>();
          group.forEach(
              k -> bySlot.computeIfAbsent(SlotHash.getSlot(k), s -> new ArrayList<>()).add(k));
          bySlot
              .values()
              .forEach(keys -> futures.add(connection.async().unlink(keys.toArray(String[]::new))));
        } else if (!group.isEmpty()) {
          futures.add(connection.async().unlink(group.toArray(String[]::new)));
        }
        pending.add(futures);
      }
      long[] unlinked = new long[groups.size()];
      for (int i = 0; i < pending.size(); i++) {
        for (RedisFuture<Long> future : pending.get(i)) {
          unlinked[i] +=
              LettuceFutures.awaitOrCancel(future, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
      return unlinked;
    }
  }

  private final List<Node> nodes;
  private final StatefulConnection<String, String> connection;

  RedisNodes(List<Node> nodes, StatefulConnection<String, String> connection) {
    this.nodes = List.copyOf(nodes);
    this.connection = connection;
  }

  public List<Node> nodes() {
    return nodes;
  }

  /** Closes this attempt's connections (a cluster's node connections go with it). */
  @Override
  public void close() {
    connection.close();
  }
}
