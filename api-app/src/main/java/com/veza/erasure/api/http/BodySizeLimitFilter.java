package com.veza.erasure.api.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses bodies over {@code maxBodyBytes} with 413 before anything reads them: by the declared
 * Content-Length when there is one, else by counting while buffering (chunked uploads). Runs before
 * authentication, so an oversized body is never parsed, whoever sends it.
 */
@PreMatching
@Priority(100)
public final class BodySizeLimitFilter implements ContainerRequestFilter {

  private final long maxBytes;

  public BodySizeLimitFilter(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        throw new ApiException(400, "bad_request", "invalid Content-Length");
      }
      if (length > maxBytes) {
        throw tooLarge();
      }
    }
    if (!request.hasEntity()) {
      return;
    }
    InputStream in = request.getEntityStream();
    byte[] buffer = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (buffer.length > maxBytes) {
      throw tooLarge();
    }
    request.setEntityStream(new ByteArrayInputStream(buffer));
  }

  private ApiException tooLarge() {
    return new ApiException(
        413, "body_too_large", "request bodies are limited to " + maxBytes + " bytes");
  }
}
