package com.veza.erasure.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * A body that is not the JSON we expect: 400, naming the unknown field but never echoing values.
 */
public final class JsonErrorMapper implements ExceptionMapper<JsonProcessingException> {
  @Override
  public Response toResponse(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return ApiError.response(
          400, "unknown_field", "unknown field '" + printable(unknown.getPropertyName()) + "'");
    }
    return ApiError.response(
        400, "malformed_json", "the request body is not valid JSON for this call");
  }

  /**
   * Field names are echoed only when short and plain, so an error never reflects arbitrary input.
   */
  private static String printable(String name) {
    return name != null && name.matches("[A-Za-z0-9_]{1,64}") ? name : "?";
  }
}
