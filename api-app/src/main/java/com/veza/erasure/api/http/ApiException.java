package com.veza.erasure.api.http;

import jakarta.ws.rs.core.Response;

/**
 * An expected refusal: answered with its status and {@link ApiError} code by {@link
 * ApiExceptionMapper}.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  public ApiException(Response.Status status, String code, String message) {
    this(status.getStatusCode(), code, message);
  }

  public ApiException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
