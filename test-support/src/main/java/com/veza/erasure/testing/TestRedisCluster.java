package com.veza.erasure.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real Redis Cluster per test JVM: three masters, no replicas, each a redis-server child
 * process, joined with CLUSTER MEET and covering the 16384 slots with CLUSTER ADDSLOTS.
 */
public final class TestRedisCluster {

  private static final Logger log = LoggerFactory.getLogger(TestRedisCluster.class);
  private static final int MASTERS = 3;
  private static final int SLOTS = 16_384;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static volatile TestRedisCluster shared;

  private final List<RedisProcess> nodes;

  private TestRedisCluster(List<RedisProcess> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  public static TestRedisCluster shared() {
    TestRedisCluster instance = shared;
    if (instance == null) {
      synchronized (TestRedisCluster.class) {
        instance = shared;
        if (instance == null) {
          instance = start();
          shared = instance;
        }
      }
    }
    return instance;
  }

  /** {@code redis://127.0.0.1:<port>} of every master. */
  public List<String> nodeUris() {
    return nodes.stream().map(RedisProcess::uri).toList();
  }

  /** The URI a cluster client starts from (it discovers the others). */
  public String seedUri() {
    return nodes.get(0).uri();
  }

  public List<Integer> ports() {
    return nodes.stream().map(RedisProcess::port).toList();
  }

  /** Removes every key on every master. */
  public void flushAll() {
    for (RedisProcess node : nodes) {
      RespClient.call(node.host(), node.port(), "FLUSHALL");
    }
  }

  private static TestRedisCluster start() {
    long started = System.nanoTime();
    List<RedisProcess> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < MASTERS; i++) {
        nodes.add(startNode());
      }
      RedisProcess first = nodes.get(0);
      for (RedisProcess other : nodes.subList(1, nodes.size())) {
        RespClient.call(
            first.host(),
            first.port(),
            "CLUSTER",
            "MEET",
            other.host(),
            String.valueOf(other.port()));
      }
      for (int i = 0; i < MASTERS; i++) {
        addSlots(nodes.get(i), i * SLOTS / MASTERS, (i + 1) * SLOTS / MASTERS);
      }
      awaitClusterOk(nodes);
    } catch (RuntimeException e) {
      nodes.forEach(RedisProcess::close);
      throw new IllegalStateException(
          "Cannot start a 3-master Redis Cluster: " + e.getMessage(), e);
    }
    TestRedisCluster cluster = new TestRedisCluster(nodes);
    log.info(
        "Started Redis Cluster on ports {} in {} ms",
        cluster.ports(),
        (System.nanoTime() - started) / 1_000_000);
    return cluster;
  }

  private static RedisProcess startNode() {
    int port = FreePorts.nextWithClusterBus();
    try {
      return RedisProcess.start(port, clusterArgs(port));
    } catch (IllegalStateException e) {
      log.warn(
          "Cluster node on port {} did not start, trying another port: {}", port, e.getMessage());
      int retry = FreePorts.nextWithClusterBus();
      return RedisProcess.start(retry, clusterArgs(retry));
    }
  }

  private static List<String> clusterArgs(int port) {
    // Relative to the node's own temp dir (its --dir), so it goes away with the node.
    return List.of(
        "--cluster-enabled", "yes",
        "--cluster-config-file", "nodes-" + port + ".conf",
        "--cluster-node-timeout", "5000");
  }

  // Redis 6.2 has no CLUSTER ADDSLOTSRANGE: list every slot.
  private static void addSlots(RedisProcess node, int fromInclusive, int toExclusive) {
    List<String> args = new ArrayList<>(toExclusive - fromInclusive + 2);
    args.add("CLUSTER");
    args.add("ADDSLOTS");
    for (int slot = fromInclusive; slot < toExclusive; slot++) {
      args.add(String.valueOf(slot));
    }
    RespClient.call(node.host(), node.port(), args.toArray(String[]::new));
  }

  private static void awaitClusterOk(List<RedisProcess> nodes) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String lastInfo = "";
    while (System.nanoTime() < deadline) {
      boolean allOk = true;
      for (RedisProcess node : nodes) {
        lastInfo = (String) RespClient.call(node.host(), node.port(), "CLUSTER", "INFO");
        if (!lastInfo.contains("cluster_state:ok")
            || !lastInfo.contains("cluster_known_nodes:" + nodes.size())
            || !lastInfo.contains("cluster_slots_assigned:" + SLOTS)) {
          allOk = false;
          break;
        }
      }
      if (allOk) {
        return;
      }
      RedisProcess.sleep(50);
    }
    throw new IllegalStateException(
        "Redis Cluster not ok after " + READY_TIMEOUT + "; last CLUSTER INFO:\n" + lastInfo);
  }
}
