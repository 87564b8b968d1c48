package com.veza.erasure.activities.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisSettingsTest {

  @Test
  void givenOnlyAUri_itAppliesTheDefaults() {
    RedisSettings settings = RedisSettings.standalone("redis://127.0.0.1:6379");

    assertThat(settings.keyPatterns()).containsExactly("user:{id}:*");
    assertThat(settings.scanCount()).isEqualTo(1000);
    assertThat(settings.commandTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.cluster()).isFalse();
  }

  @Test
  void whenBuildingTheMatchPattern_itPutsTheLowerCaseUuidInPlaceOfTheId() {
    UUID id = UUID.fromString("3F2A9C1E-7B4D-4E8A-9C2B-5D6E7F8A9B0C");

    assertThat(RedisSettings.standalone("redis://h:1").matchPattern(0, id))
        .isEqualTo("user:3f2a9c1e-7b4d-4e8a-9c2b-5d6e7f8a9b0c:*");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "user:{id}:*",
        "session:{id}",
        "feed:{id}:page:*",
        "cache/{id}/*",
        "{id}:*",
        "user:{{id}}:*"
      })
  void givenAPatternPinnedToTheUser_itIsAccepted(String pattern) {
    assertThat(
            RedisSettings.standalone("redis://h:1").withKeyPatterns(List.of(pattern)).keyPatterns())
        .containsExactly(pattern);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "user:*",
        "*{id}*",
        "*:{id}:*",
        "user:{id}*",
        "user:{id}?",
        "user:{id}[a]:*",
        "user:{id}-*",
        "user:{id}x:*",
        "us?r:{id}:*",
        "user[0-9]:{id}:*",
        "user\\:{id}:*",
        "user:{id}:{id}",
        "user:{ID}:*",
        ""
      })
  void givenAPatternThatCouldReachAnotherUser_itIsRejectedAsInvalidPattern(String pattern) {
    assertThatThrownBy(
            () -> RedisSettings.standalone("redis://h:1").withKeyPatterns(List.of(pattern)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("INVALID_PATTERN");
              assertThat(f.isNonRetryable()).isTrue();
            });
  }
}
