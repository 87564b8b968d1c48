package com.veza.erasure.api.auth;

import com.veza.erasure.api.http.ApiError;
import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.core.Response;

/** 401 in the API's error shape, the same for a missing, malformed, forged or expired token. */
public final class JsonUnauthorizedHandler implements UnauthorizedHandler {
  @Override
  public Response buildResponse(String prefix, String realm) {
    return ApiError.response(401, "unauthorized", "a valid bearer token is required");
  }
}
