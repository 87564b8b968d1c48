package com.veza.erasure.api.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Jersey's own refusals (no route, wrong method, role missing, ...) in the API's error shape. */
public final class WebApplicationExceptionMapper
    implements ExceptionMapper<WebApplicationException> {
  @Override
  public Response toResponse(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      return ApiError.response(500, "internal", "internal error");
    }
    Response response =
        switch (status) {
          case 400 -> ApiError.response(400, "bad_request", "bad request");
          case 401 -> ApiError.response(401, "unauthorized", "a valid bearer token is required");
          case 403 -> ApiError.response(403, "forbidden", "this token may not do that");
          case 404 -> ApiError.response(404, "not_found", "no such resource");
          case 405 ->
              ApiError.response(405, "method_not_allowed", "method not allowed on this resource");
          case 406 ->
              ApiError.response(406, "not_acceptable", "this resource answers application/json");
          case 413 -> ApiError.response(413, "body_too_large", "the request body is too large");
          case 415 -> ApiError.response(415, "unsupported_media_type", "send application/json");
          default -> ApiError.response(status, "http_" + status, "request refused");
        };
    if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
      return Response.fromResponse(response)
          .header("Allow", e.getResponse().getHeaderString("Allow"))
          .build();
    }
    return response;
  }
}
