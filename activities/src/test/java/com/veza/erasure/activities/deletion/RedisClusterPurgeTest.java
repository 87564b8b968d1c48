package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.activities.redis.RedisConnector;
import com.veza.erasure.activities.redis.RedisNodes;
import com.veza.erasure.activities.redis.RedisSettings;
import com.veza.erasure.testing.TestRedisCluster;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisClusterPurgeTest {

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
  void givenKeysOnEveryMaster_whenPurged_itRemovesAllAndLeavesTheNeighboursIntact() {
    RedisAdvancedClusterCommands<String, String> commands = connection.sync();
    UUID victim = UUID.randomUUID();
    UUID neighbour = UserKeys.neighbourOf(victim);
    List<String> victimKeys = UserKeys.ofUser(victim);
    List<String> kept = new ArrayList<>(UserKeys.ofUser(neighbour));
    kept.addAll(UserKeys.bystanders(UUID.randomUUID()));
    commands.mset(UserKeys.asValues(victimKeys));
    commands.mset(UserKeys.asValues(kept));
    assertThat(mastersHoldingKeysOf(victim)).isEqualTo(3);

    RedisKeyPurger purger = new RedisKeyPurger(connector);
    Set<String> nodesScanned = new HashSet<>();
    RedisKeyPurger.Progress done =
        purger.purge(
            victim,
            null,
            p -> {
              if (p.nodeId() != null) {
                nodesScanned.add(p.nodeId());
              }
            });

    assertThat(done.keysDeleted()).isEqualTo(154);
    assertThat(nodesScanned).hasSize(3);
    assertThat(commands.exists(victimKeys.toArray(String[]::new))).isZero();
    assertThat(commands.exists(kept.toArray(String[]::new))).isEqualTo(kept.size());
    assertThat(purger.countRemaining(victim)).isZero();
    assertThat(purger.countRemaining(neighbour)).isEqualTo(154);
  }

  @Test
  void givenAPurgeStoppedOnTheSecondMaster_whenResumed_itRemovesAll() {
    RedisAdvancedClusterCommands<String, String> commands = connection.sync();
    UUID victim = UUID.randomUUID();
    commands.mset(UserKeys.asValues(UserKeys.ofUser(victim)));
    RedisKeyPurger purger = new RedisKeyPurger(connector);

    List<RedisKeyPurger.Progress> reports = new ArrayList<>();
    try {
      purger.purge(
          victim,
          null,
          p -> {
            reports.add(p);
            if (p.nodeIndex() == 1 && !p.cursor().equals("0")) {
              throw new IllegalStateException("stop");
            }
          });
    } catch (IllegalStateException expected) {
      // the worker "died" in the middle of the second master
    }
    RedisKeyPurger.Progress last = reports.get(reports.size() - 1);
    assertThat(last.nodeIndex()).isEqualTo(1);
    assertThat(purger.countRemaining(victim)).isEqualTo(154 - last.keysDeleted()).isPositive();

    RedisKeyPurger.Progress done = purger.purge(victim, last, p -> {});

    assertThat(done.keysDeleted()).isEqualTo(154);
    assertThat(purger.countRemaining(victim)).isZero();
  }

  private static long mastersHoldingKeysOf(UUID user) {
    try (RedisNodes nodes = connector.open()) {
      return nodes.nodes().stream()
          .filter(
              n ->
                  !n.commands()
                      .scan(ScanArgs.Builder.matches("user:" + user + ":*").limit(10_000))
                      .getKeys()
                      .isEmpty())
          .count();
    }
  }
}
