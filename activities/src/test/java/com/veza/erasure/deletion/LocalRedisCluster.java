package com.veza.erasure.deletion;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Stopgap until test-support lands: a real 3-master Redis Cluster, no replicas. */
final class LocalRedisCluster {

  private static LocalRedisCluster shared;

  private final List<LocalRedis> nodes = new ArrayList<>();

  static synchronized LocalRedisCluster shared() {
    if (shared == null) {
      shared = new LocalRedisCluster();
    }
    return shared;
  }

  private LocalRedisCluster() {
    for (int i = 0; i < 3; i++) {
      nodes.add(LocalRedis.startOnFreePort(
          "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
          "--cluster-node-timeout", "5000"));
    }
    int slotsPerNode = 16384 / nodes.size();
    for (int i = 0; i < nodes.size(); i++) {
      int from = i * slotsPerNode;
      int to = i == nodes.size() - 1 ? 16384 : from + slotsPerNode;
      int[] slots = IntStream.range(from, to).toArray();
      run(nodes.get(i), c -> c.clusterAddSlots(slots));
    }
    for (int i = 1; i < nodes.size(); i++) {
      int port = nodes.get(i).port();
      run(nodes.get(0), c -> c.clusterMeet("127.0.0.1", port));
    }
    awaitClusterOk();
  }

  String seedUri() {
    return nodes.get(0).uri();
  }

  List<String> nodeUris() {
    return nodes.stream().map(LocalRedis::uri).toList();
  }

  void flushAll() {
    nodes.forEach(LocalRedis::flushAll);
  }

  private void awaitClusterOk() {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      boolean ok = nodes.stream().allMatch(n -> {
        String info = run(n, RedisCommands::clusterInfo);
        String known = run(n, RedisCommands::clusterNodes);
        return info.contains("cluster_state:ok")
            && known.lines().filter(l -> l.contains("master")).count() == nodes.size();
      });
      if (ok) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("Redis Cluster did not reach cluster_state:ok");
  }

  private static <T> T run(LocalRedis node, java.util.function.Function<RedisCommands<String, String>, T> call) {
    RedisClient client = RedisClient.create(node.uri());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      return call.apply(c.sync());
    } finally {
      client.shutdown();
    }
  }
}
