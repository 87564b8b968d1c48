package com.veza.erasure.worker;

import com.codahale.metrics.health.HealthCheck;
import com.veza.erasure.activities.redis.RedisConnector;
import com.veza.erasure.activities.redis.RedisNodes;

/**
 * Healthy when every node the purge would scan answers PING: on a cluster, every master, since a
 * purge that cannot reach one of them cannot finish.
 */
final class RedisHealthCheck extends HealthCheck {

  private final RedisConnector connector;

  RedisHealthCheck(RedisConnector connector) {
    this.connector = connector;
  }

  @Override
  protected Result check() {
    // Fresh connections, bounded by the command timeout: the same path an activity attempt takes.
    try (RedisNodes nodes = connector.open()) {
      for (RedisNodes.Node node : nodes.nodes()) {
        String reply = node.commands().ping();
        if (!"PONG".equals(reply)) {
          return Result.unhealthy("node " + node.id() + " answered " + reply);
        }
      }
      return Result.healthy(nodes.nodes().size() + " node(s) answer PING");
    }
  }
}
