package com.veza.erasure.activities.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One Lettuce client per worker; one {@link RedisNodes} per activity attempt.
 *
 * <p>Commands are rejected while disconnected instead of queued, and every command and connect is
 * bounded by {@link RedisSettings#commandTimeout()}: an unreachable Redis fails the attempt fast,
 * and Temporal's retry policy (not a Lettuce queue) decides when to try again.
 */
public final class RedisConnector implements AutoCloseable {

  private final RedisSettings settings;
  private final RedisClient standalone;
  private final RedisClusterClient cluster;

  public RedisConnector(RedisSettings settings) {
    this.settings = settings;
    Duration timeout = settings.commandTimeout();
    SocketOptions socket = SocketOptions.builder().connectTimeout(timeout).build();
    TimeoutOptions timeouts = TimeoutOptions.enabled(timeout);
    if (settings.cluster()) {
      List<RedisURI> seeds =
          Arrays.stream(settings.uri().split(","))
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .map(s -> uri(s, timeout))
              .toList();
      this.cluster = RedisClusterClient.create(seeds);
      this.cluster.setOptions(
          ClusterClientOptions.builder()
              .disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS)
              .timeoutOptions(timeouts)
              .socketOptions(socket)
              .build());
      this.standalone = null;
    } else {
      this.standalone = RedisClient.create(uri(settings.uri(), timeout));
      this.standalone.setOptions(
          ClientOptions.builder()
              .disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS)
              .timeoutOptions(timeouts)
              .socketOptions(socket)
              .build());
      this.cluster = null;
    }
  }

  public RedisSettings settings() {
    return settings;
  }

  /**
   * Fresh connections for one attempt. On a cluster the topology is re-read, so an attempt retried
   * after a failover scans the new masters.
   */
  public RedisNodes open() {
    if (standalone != null) {
      StatefulRedisConnection<String, String> connection = standalone.connect();
      RedisNodes.Node node =
          new RedisNodes.Node(standaloneNodeId(), connection, false, settings.commandTimeout());
      return new RedisNodes(List.of(node), connection);
    }
    StatefulRedisClusterConnection<String, String> connection = cluster.connect();
    try {
      cluster.refreshPartitions();
      List<RedisNodes.Node> masters =
          connection.getPartitions().stream()
              .filter(node -> node.is(NodeFlag.UPSTREAM))
              .filter(node -> !node.getSlots().isEmpty())
              // A stable order, so a heartbeated node index means the same node on the next
              // attempt.
              .sorted(Comparator.comparing(RedisClusterNode::getNodeId))
              .map(
                  node ->
                      new RedisNodes.Node(
                          node.getNodeId(),
                          connection.getConnection(node.getNodeId()),
                          true,
                          settings.commandTimeout()))
              .toList();
      return new RedisNodes(masters, connection);
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  private String standaloneNodeId() {
    RedisURI uri = RedisURI.create(settings.uri());
    return uri.getHost() + ":" + uri.getPort();
  }

  private static RedisURI uri(String text, Duration timeout) {
    RedisURI uri = RedisURI.create(text);
    uri.setTimeout(timeout);
    return uri;
  }

  @Override
  public void close() {
    AbstractRedisClient client = standalone != null ? standalone : cluster;
    client.shutdown();
  }
}
