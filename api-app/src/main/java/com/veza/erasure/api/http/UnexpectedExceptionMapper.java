package com.veza.erasure.api.http;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Anything else: logged here with an id, answered without the exception's text. */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger log = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

  @Override
  public Response toResponse(Throwable e) {
    String id = Long.toHexString(ThreadLocalRandom.current().nextLong());
    if (temporalUnavailable(e)) {
      log.warn("error {}: Temporal unavailable: {}", id, e.toString());
      return ApiError.response(
          503,
          "temporal_unavailable",
          "the workflow service is unavailable, try again later (error " + id + ")");
    }
    log.error("error {}", id, e);
    return ApiError.response(500, "internal", "internal error " + id);
  }

  private static boolean temporalUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException grpc) {
        Status.Code code = grpc.getStatus().getCode();
        return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
      }
    }
    return false;
  }
}
