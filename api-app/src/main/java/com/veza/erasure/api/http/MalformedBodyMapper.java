package com.veza.erasure.api.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

public final class MalformedBodyMapper implements ExceptionMapper<JsonBodies.MalformedBody> {
  private final JsonErrorMapper json = new JsonErrorMapper();

  @Override
  public Response toResponse(JsonBodies.MalformedBody e) {
    return json.toResponse(e.json());
  }
}
