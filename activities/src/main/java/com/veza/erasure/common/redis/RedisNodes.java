package com.veza.erasure.common.redis;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.util.List;

/**
 * The nodes one attempt scans, the same shape for both topologies: a standalone server is one node,
 * a cluster is its masters. A SCAN cursor is then always a plain per-node cursor that can be
 * heartbeated and resumed.
 */
public final class RedisNodes implements AutoCloseable {

  /**
   * @param id a stable identity: {@code host:port} standalone, the cluster node id otherwise
   * @param commands commands sent to this node only
   */
  public record Node(String id, RedisCommands<String, String> commands) {}

  private final List<Node> nodes;
  private final StatefulConnection<String, String> connection;
  private final Unlinker unlinker;

  private interface Unlinker {
    long unlink(String[] keys);
  }

  private RedisNodes(
      List<Node> nodes, StatefulConnection<String, String> connection, Unlinker unlinker) {
    this.nodes = List.copyOf(nodes);
    this.connection = connection;
    this.unlinker = unlinker;
  }

  static RedisNodes standalone(String id, StatefulRedisConnection<String, String> connection) {
    RedisCommands<String, String> commands = connection.sync();
    return new RedisNodes(List.of(new Node(id, commands)), connection, commands::unlink);
  }

  static RedisNodes cluster(
      List<Node> masters, StatefulRedisClusterConnection<String, String> connection) {
    // Through the cluster connection: keys of one SCAN page span many slots, and a multi-key UNLINK
    // on a node connection would fail with CROSSSLOT; Lettuce splits the call by slot and routes it.
    return new RedisNodes(masters, connection, connection.sync()::unlink);
  }

  public List<Node> nodes() {
    return nodes;
  }

  /** UNLINK (non-blocking delete); returns how many of {@code keys} existed. */
  public long unlink(List<String> keys) {
    return keys.isEmpty() ? 0 : unlinker.unlink(keys.toArray(String[]::new));
  }

  /** Closes this attempt's connections (a cluster's node connections go with it). */
  @Override
  public void close() {
    connection.close();
  }
}
