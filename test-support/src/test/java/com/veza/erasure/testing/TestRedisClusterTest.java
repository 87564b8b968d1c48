package com.veza.erasure.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestRedisClusterTest {

  @Test
  void givenTheCluster_itHasThreeMastersServingAllSlotsAndAKeyLandsOnEach() {
    TestRedisCluster cluster = TestRedisCluster.shared();
    assertThat(cluster.nodeUris()).hasSize(3).contains(cluster.seedUri());
    for (String nodeUri : cluster.nodeUris()) {
      URI uri = URI.create(nodeUri);
      assertThat((String) RespClient.call(uri.getHost(), uri.getPort(), "CLUSTER", "INFO"))
          .contains("cluster_state:ok", "cluster_slots_assigned:16384", "cluster_known_nodes:3");
    }

    RedisClusterClient client = RedisClusterClient.create(RedisURI.create(cluster.seedUri()));
    try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
      Set<Integer> portsHoldingKeys = new HashSet<>();
      for (int i = 0; portsHoldingKeys.size() < 3 && i < 100; i++) {
        String key = "user:" + i;
        connection.sync().set(key, "v" + i);
        assertThat(connection.sync().get(key)).isEqualTo("v" + i);
        int slot = io.lettuce.core.cluster.SlotHash.getSlot(key);
        RedisClusterNode owner = connection.getPartitions().getPartitionBySlot(slot);
        portsHoldingKeys.add(owner.getUri().getPort());
        // The owner holds the key itself: no MOVED, no proxying.
        assertThat(RespClient.call("127.0.0.1", owner.getUri().getPort(), "GET", key))
            .isEqualTo("v" + i);
      }
      assertThat(portsHoldingKeys).containsExactlyInAnyOrderElementsOf(cluster.ports());

      cluster.flushAll();
      assertThat(connection.sync().dbsize()).isZero();
    } finally {
      client.shutdown();
    }
  }
}
