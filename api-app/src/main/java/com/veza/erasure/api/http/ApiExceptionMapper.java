package com.veza.erasure.api.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {
  @Override
  public Response toResponse(ApiException e) {
    return ApiError.response(e.status(), e.code(), e.getMessage());
  }
}
