package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import io.temporal.failure.ApplicationFailure;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/**
 * The statuses the test node cannot produce (it runs without security and is never overloaded), as
 * the client reports them; the others are met for real in {@link SearchIndexPurgerTest}.
 */
class SearchFailuresTest {

  @Test
  void givenAnAuthFailure_whenClassified_itIsNonRetryable() {
    assertThat(classify(401, "security_exception"))
        .satisfies(f -> assertNonRetryable(f, "AUTH_FAILED"));
    assertThat(classify(403, "security_exception"))
        .satisfies(f -> assertNonRetryable(f, "AUTH_FAILED"));
  }

  @Test
  void givenARequestShapeError_whenClassified_itIsNonRetryable() {
    for (String type :
        new String[] {
          "mapper_parsing_exception", "illegal_argument_exception", "parsing_exception"
        }) {
      assertThat(classify(400, type))
          .as(type)
          .satisfies(f -> assertNonRetryable(f, "SEARCH_MAPPING"));
    }
  }

  @Test
  void givenAnOverloadServerOrConnectionError_whenClassified_itIsRetryable() {
    assertThat(classify(429, "es_rejected_execution_exception"))
        .isInstanceOf(SearchStoreException.class);
    assertThat(classify(503, "cluster_block_exception")).isInstanceOf(SearchStoreException.class);
    assertThat(SearchFailures.classify("users", new ConnectException("Connection refused")))
        .isInstanceOf(SearchStoreException.class)
        .hasMessageContaining("users");
  }

  private static RuntimeException classify(int status, String type) {
    ElasticsearchException e =
        new ElasticsearchException(
            "es/bulk",
            ErrorResponse.of(r -> r.status(status).error(c -> c.type(type).reason("test"))));
    return SearchFailures.classify("tracks", e);
  }

  private static void assertNonRetryable(RuntimeException failure, String type) {
    assertThat(failure)
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(type);
              assertThat(f.isNonRetryable()).isTrue();
            });
  }
}
