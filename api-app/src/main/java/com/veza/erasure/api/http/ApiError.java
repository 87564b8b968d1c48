package com.veza.erasure.api.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The body of every error answer: a stable machine code and a human message, nothing else. */
public record ApiError(String code, String message) {

  public static Response response(int status, String code, String message) {
    Response.ResponseBuilder builder =
        Response.status(status)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new ApiError(code, message));
    if (status == 401) {
      builder.header("WWW-Authenticate", "Bearer realm=\"veza\"");
    }
    return builder.build();
  }
}
