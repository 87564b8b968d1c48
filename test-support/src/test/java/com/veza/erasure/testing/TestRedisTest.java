package com.veza.erasure.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

class TestRedisTest {

  @Test
  void givenTheSharedServer_itAnswersSetAndGetAndFlushes() {
    TestRedis redis = TestRedis.shared();
    assertThat(redis.uri()).isEqualTo("redis://" + redis.host() + ":" + redis.port());
    RedisClient client = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      String key = redis.uniqueKeyPrefix() + "greeting";
      connection.sync().set(key, "hello");
      assertThat(connection.sync().get(key)).isEqualTo("hello");

      redis.flushAll();
      assertThat(connection.sync().get(key)).isNull();
    } finally {
      client.shutdown();
    }
  }

  @Test
  void givenADedicatedServer_whenRestarted_itListensOnTheSamePort() {
    try (RedisProcess redis = RedisProcess.startOnFreePort()) {
      int port = redis.port();
      assertThat(RespClient.call(redis.host(), port, "SET", "k", "v")).isEqualTo("OK");

      redis.stop();
      assertThat(redis.isRunning()).isFalse();
      assertThatThrownBy(() -> RespClient.call(redis.host(), port, "PING"))
          .hasMessageContaining("Cannot connect");

      redis.restart();
      assertThat(redis.port()).isEqualTo(port);
      assertThat(RespClient.call(redis.host(), port, "PING")).isEqualTo("PONG");
      assertThat(RespClient.call(redis.host(), port, "GET", "k")).isNull();
    }
  }
}
