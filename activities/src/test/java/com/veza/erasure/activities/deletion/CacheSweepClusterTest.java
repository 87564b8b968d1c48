package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.veza.erasure.activities.redis.RedisConnector;
import com.veza.erasure.activities.redis.RedisSettings;
import com.veza.erasure.testing.TestRedisCluster;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sweep on the 3-master cluster: every master scanned, UNLINK per slot, resume per node. */
class CacheSweepClusterTest {

  private static TestRedisCluster redisCluster;
  private static RedisClusterClient client;
  private static StatefulRedisClusterConnection<String, String> connection;
  private static RedisConnector connector;

  @BeforeAll
  static void start() {
    redisCluster = TestRedisCluster.shared();
    client = RedisClusterClient.create(redisCluster.seedUri());
    connection = client.connect();
    connector =
        new RedisConnector(
            RedisSettings.cluster(String.join(",", redisCluster.nodeUris())).withScanCount(10));
  }

  @AfterAll
  static void stop() {
    connector.close();
    connection.close();
    client.shutdown();
  }

  @Test
  void givenABatchSpreadOverEveryMaster_whenSwept_itRemovesAllAndLeavesNeighboursByteIdentical() {
    RedisAdvancedClusterCommands<String, String> commands = connection.sync();
    List<UUID> users = IntStream.range(0, 4).mapToObj(i -> UUID.randomUUID()).toList();
    List<String> batchKeys = new ArrayList<>();
    users.forEach(u -> batchKeys.addAll(UserKeys.ofUser(u)));
    List<String> kept = SweepNeighbours.of(users);
    commands.mset(UserKeys.asValues(batchKeys));
    commands.mset(UserKeys.asValues(kept));
    Map<String, byte[]> before = SweepNeighbours.dump(commands, kept);
    long scansBefore = clusterScanCalls();

    Set<String> nodesScanned = new HashSet<>();
    CacheSweeper.Progress done =
        new CacheSweeper(connector)
            .sweep(
                users,
                null,
                p -> {
                  if (p.nodeId() != null) {
                    nodesScanned.add(p.nodeId());
                  }
                });

    assertThat(nodesScanned).hasSize(3);
    users.forEach(u -> assertThat(done.deleted()).containsEntry(u.toString(), 154L));
    assertThat(done.left()).isEmpty();
    assertThat(commands.exists(batchKeys.toArray(String[]::new))).isZero();
    assertThat(SweepNeighbours.changed(commands, before)).isEmpty();
    assertThat(clusterScanCalls() - scansBefore).isEqualTo(done.scanCalls());
  }

  @Test
  void givenASweepStoppedOnTheSecondMaster_whenResumed_itFinishesFromThatNodesCursor() {
    RedisAdvancedClusterCommands<String, String> commands = connection.sync();
    List<UUID> users = List.of(UUID.randomUUID(), UUID.randomUUID());
    List<String> batchKeys = new ArrayList<>();
    users.forEach(u -> batchKeys.addAll(UserKeys.ofUser(u)));
    commands.mset(UserKeys.asValues(batchKeys));
    CacheSweeper sweeper = new CacheSweeper(connector);
    List<CacheSweeper.Progress> reports = new ArrayList<>();
    assertThatThrownBy(
            () ->
                sweeper.sweep(
                    users,
                    null,
                    p -> {
                      reports.add(p);
                      if (p.nodeIndex() == 1 && !p.cursor().equals("0")) {
                        throw new IllegalStateException("worker killed");
                      }
                    }))
        .isInstanceOf(IllegalStateException.class);
    CacheSweeper.Progress last = reports.get(reports.size() - 1);

    long scansBefore = clusterScanCalls();
    CacheSweeper.Progress done = sweeper.sweep(users, last, p -> {});

    assertThat(clusterScanCalls() - scansBefore).isEqualTo(done.scanCalls() - last.scanCalls());
    users.forEach(u -> assertThat(done.deleted()).containsEntry(u.toString(), 154L));
    assertThat(commands.exists(batchKeys.toArray(String[]::new))).isZero();
  }

  /** SCAN calls over every master, from each node's INFO commandstats. */
  private static long clusterScanCalls() {
    long calls = 0;
    for (String uri : redisCluster.nodeUris()) {
      RedisClient node = RedisClient.create(uri);
      try (StatefulRedisConnection<String, String> c = node.connect()) {
        calls += SweepNeighbours.scanCalls(c.sync().info("commandstats"));
      } finally {
        node.shutdown();
      }
    }
    return calls;
  }
}
