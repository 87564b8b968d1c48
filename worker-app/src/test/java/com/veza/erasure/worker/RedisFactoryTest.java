package com.veza.erasure.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the purged key patterns come from: the erasure map, or redis.keyPatterns without one. */
class RedisFactoryTest {

  @Test
  void givenAMapWithPatterns_whenTheConfigKeepsTheDefault_itPurgesTheMapsPatterns() {
    RedisFactory redis = new RedisFactory();

    assertThat(redis.settings(List.of("user:{id}:*", "session:{id}:*")).keyPatterns())
        .containsExactly("user:{id}:*", "session:{id}:*");
    assertThat(redis.settings(List.of()).keyPatterns()).containsExactly("user:{id}:*");
  }

  @Test
  void givenPatternsInBothPlaces_whenTheyDiffer_itRefusesToStart() {
    RedisFactory redis = new RedisFactory();
    redis.setKeyPatterns(List.of("cache:{id}:*"));

    assertThat(redis.settings(List.of()).keyPatterns()).containsExactly("cache:{id}:*");
    assertThatThrownBy(() -> redis.settings(List.of("user:{id}:*")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("declare the patterns in the erasure map only");
  }
}
