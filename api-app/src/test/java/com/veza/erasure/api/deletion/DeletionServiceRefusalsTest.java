package com.veza.erasure.api.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import com.veza.erasure.api.http.ApiException;
import com.veza.erasure.deletion.DeletionRefusal;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A refused Update maps to its API error by the failure's type alone. The refusals go through the
 * SDK's failure conversion, as they would on their way from the worker to the API.
 */
class DeletionServiceRefusalsTest {

  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();

  @ParameterizedTest
  @CsvSource({
    "ALREADY_RECOVERED, already_recovered",
    "ERASURE_STARTED, recovery_window_closed",
    "NOT_NEEDS_ATTENTION, not_needs_attention"
  })
  void givenATypedRefusal_whenMapped_itAnswersItsErrorCode(DeletionRefusal refusal, String code) {
    for (DeletionRefusal otherwise : DeletionRefusal.values()) {
      ApiException error =
          DeletionService.refused(refusedUpdate(refusal.rejection("reworded at will")), otherwise);

      assertThat(error.code()).isEqualTo(code);
      assertThat(error.status()).isEqualTo(409);
    }
  }

  @ParameterizedTest
  @CsvSource({
    // recover's default, even for the message that used to mean already_recovered
    "ERASURE_STARTED, recovery_window_closed",
    // retry's default
    "NOT_NEEDS_ATTENTION, not_needs_attention"
  })
  void givenARefusalWithoutAType_whenMapped_itAnswersTheDefaultWhateverItsMessage(
      DeletionRefusal otherwise, String code) {
    // As a worker without typed refusals sends it: a message, no refusal type anywhere.
    WorkflowUpdateException untyped = refusedUpdate(new IllegalStateException("already recovered"));

    assertThat(DeletionService.refused(untyped, otherwise).code()).isEqualTo(code);
  }

  private static WorkflowUpdateException refusedUpdate(Exception thrownByTheValidator) {
    Throwable received =
        CONVERTER.failureToException(CONVERTER.exceptionToFailure(thrownByTheValidator));
    return new WorkflowUpdateException(
        WorkflowExecution.newBuilder().setWorkflowId("account-deletion-x").build(),
        "update-id",
        "recover",
        received);
  }
}
