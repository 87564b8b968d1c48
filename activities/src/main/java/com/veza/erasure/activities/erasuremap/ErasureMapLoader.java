package com.veza.erasure.activities.erasuremap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads an erasure map from YAML. Strict: an unknown key, a duplicate key or a value of the wrong
 * type (text for a boolean, a number for an action) is an error naming where it is, since a typo
 * silently ignored would be data silently not erased.
 */
public final class ErasureMapLoader {

  /** The map of the reference schema, in the activities jar. */
  public static final String REFERENCE_RESOURCE = "/erasure/reference-map.yml";

  private static final ObjectMapper YAML =
      YAMLMapper.builder(
              YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private ErasureMapLoader() {}

  /** The reference schema's map shipped in the jar. */
  public static LoadedErasureMap reference() {
    try (InputStream in = ErasureMapLoader.class.getResourceAsStream(REFERENCE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(REFERENCE_RESOURCE + " is missing from the classpath");
      }
      return parse(in.readAllBytes(), "classpath:" + REFERENCE_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The map at {@code path}, or the reference map when {@code path} is null or blank. */
  public static LoadedErasureMap load(String path) {
    if (path == null || path.isBlank()) {
      return reference();
    }
    Path file = Path.of(path);
    try {
      return parse(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw new ErasureMapException("erasure map " + file + " cannot be read: " + e, e);
    }
  }

  /** Parses a map's bytes; {@code source} names it in messages. */
  public static LoadedErasureMap parse(byte[] yaml, String source) {
    ErasureMap map;
    try {
      map = YAML.readValue(yaml, ErasureMap.class);
    } catch (JsonProcessingException e) {
      throw new ErasureMapException("erasure map " + source + ": " + describe(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (map == null) {
      throw new ErasureMapException("erasure map " + source + " is empty");
    }
    return new LoadedErasureMap(map, sha256(yaml), source);
  }

  /** Where in the document, then what: {@code postgres.tables[2]: unknown key "actoin"}. */
  private static String describe(JsonProcessingException e) {
    String where = e instanceof JsonMappingException m ? path(m) : "";
    String what =
        e instanceof UnrecognizedPropertyException u
            ? "unknown key \"" + u.getPropertyName() + "\""
            : firstLine(e.getOriginalMessage());
    String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    if (e instanceof UnrecognizedPropertyException u) {
      where = parentPath(u);
    }
    return (where.isEmpty() ? "" : where + ": ") + what + line;
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** The path of the object holding the unknown key, not of the key itself. */
  private static String parentPath(UnrecognizedPropertyException e) {
    String full = path(e);
    String key = e.getPropertyName();
    if (full.equals(key)) {
      return "";
    }
    return full.endsWith("." + key) ? full.substring(0, full.length() - key.length() - 1) : full;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid document";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
