package com.veza.erasure.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeletionRefusalTest {

  @ParameterizedTest
  @EnumSource(DeletionRefusal.class)
  void givenARefusal_whenItsFailureIsBuilt_itIsNonRetryableAndTypedByItsName(
      DeletionRefusal refusal) {
    ApplicationFailure failure = refusal.failure("refused");

    assertThat(failure.getType()).isEqualTo(refusal.name());
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(DeletionRefusal.ofType(failure.getType())).contains(refusal);
  }

  @ParameterizedTest
  @EnumSource(DeletionRefusal.class)
  void givenARefusal_whenAValidatorRejects_itCarriesTheTypedFailureAsItsCause(
      DeletionRefusal refusal) {
    IllegalStateException rejection = refusal.rejection("refused");

    assertThat(rejection).hasMessage("refused");
    assertThat(rejection.getCause())
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo(refusal.name()));
  }

  @Test
  void givenAnotherOrNoType_whenParsed_itIsNoRefusal() {
    assertThat(DeletionRefusal.ofType("java.lang.IllegalStateException")).isEmpty();
    assertThat(DeletionRefusal.ofType("already_recovered")).isEmpty();
    assertThat(DeletionRefusal.ofType(null)).isEmpty();
  }
}
