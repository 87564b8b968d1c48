package com.veza.erasure.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Request bodies are taken as bytes and parsed here, so that an empty body means "defaults"
 * whatever its Content-Type, and every parse error reaches {@link JsonErrorMapper}.
 */
public final class JsonBodies {

  private final ObjectMapper mapper;

  public JsonBodies(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public <T> T read(byte[] body, Class<T> type, T whenEmpty) {
    if (body == null || isBlank(body)) {
      return whenEmpty;
    }
    try {
      T value = mapper.readerFor(type).readValue(body);
      return value == null ? whenEmpty : value;
    } catch (JsonProcessingException e) {
      throw new MalformedBody(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /** Unchecked carrier of the parse error, unwrapped by {@link JsonErrorMapper}. */
  static final class MalformedBody extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedBody(JsonProcessingException cause) {
      super(cause.getOriginalMessage(), cause, false, false);
    }

    JsonProcessingException json() {
      return (JsonProcessingException) getCause();
    }
  }
}
