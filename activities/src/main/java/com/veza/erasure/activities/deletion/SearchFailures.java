package com.veza.erasure.activities.deletion;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.transport.TransportException;
import com.veza.erasure.common.ErasureErrors;
import io.temporal.failure.ApplicationFailure;
import java.util.Set;
import org.elasticsearch.client.ResponseException;

/**
 * Sorts Elasticsearch failures into the two kinds the retry policy knows: permanent ones become
 * non-retryable {@code ApplicationFailure}s, everything else a retryable {@link
 * SearchStoreException}. Messages carry index names, statuses and ES error types, never documents.
 */
final class SearchFailures {

  /** ES rejected the shape of what we sent: the same request fails again on every retry. */
  static final Set<String> REQUEST_SHAPE_ERRORS =
      Set.of(
          "mapper_parsing_exception",
          "document_parsing_exception",
          "strict_dynamic_mapping_exception",
          "illegal_argument_exception",
          "parsing_exception",
          "x_content_parse_exception",
          "action_request_validation_exception");

  private SearchFailures() {}

  /** The failure to report for {@code e}, raised while working on {@code index}. */
  static RuntimeException classify(String index, Exception e) {
    if (e instanceof ApplicationFailure || e instanceof SearchStoreException) {
      return (RuntimeException) e;
    }
    if (e instanceof ElasticsearchException ee) {
      ErrorCause error = ee.error();
      return fromStatus(index, ee.status(), error == null ? null : error.type(), e);
    }
    if (e instanceof TransportException te && te.statusCode() > 0) {
      return fromStatus(index, te.statusCode(), null, e);
    }
    if (e instanceof ResponseException re) {
      return fromStatus(index, re.getResponse().getStatusLine().getStatusCode(), null, e);
    }
    return new SearchStoreException(
        "Elasticsearch index "
            + index
            + ": "
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage(),
        e);
  }

  /**
   * For the first failed item of a {@code _bulk} or {@code _mget} answer; {@code failed} items of
   * that request failed in all. {@code status} is 0 when the API reports none (mget).
   */
  static RuntimeException fromItem(
      String index, String api, int status, ErrorCause error, int failed) {
    String type = error == null ? null : error.type();
    // Type and status only: an Elasticsearch reason can quote the document ("Preview of field's
    // value: ..."), and this message reaches logs, the workflow status and the receipt.
    String message =
        "Elasticsearch index "
            + index
            + ": "
            + failed
            + " "
            + api
            + " item(s) failed, first: "
            + (status == 0 ? "" : "status " + status + " ")
            + type;
    return fromStatus(status, type, message, null);
  }

  static boolean isIndexNotFound(ElasticsearchException e) {
    return e.status() == 404
        && e.error() != null
        && "index_not_found_exception".equals(e.error().type());
  }

  /**
   * For an error answer. Neither its message nor the exception is kept: both can quote the
   * request's document, and the exception chain would be logged by the SDK and stored in history.
   */
  private static RuntimeException fromStatus(
      String index, int status, String type, Exception cause) {
    String message =
        "Elasticsearch index "
            + index
            + ": status "
            + status
            + (type == null ? "" : " " + type)
            + " ("
            + cause.getClass().getSimpleName()
            + ")";
    return fromStatus(status, type, message, null);
  }

  private static RuntimeException fromStatus(
      int status, String type, String message, Exception cause) {
    if (status == 401 || status == 403) {
      return cause == null
          ? ErasureErrors.AUTH_FAILED.failure(message)
          : ErasureErrors.AUTH_FAILED.failure(message, cause);
    }
    if (type != null && REQUEST_SHAPE_ERRORS.contains(type)) {
      return cause == null
          ? ErasureErrors.SEARCH_MAPPING.failure(message)
          : ErasureErrors.SEARCH_MAPPING.failure(message, cause);
    }
    return cause == null
        ? new SearchStoreException(message)
        : new SearchStoreException(message, cause);
  }
}
