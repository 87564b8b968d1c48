package com.veza.erasure.activities.deletion;

import co.elastic.clients.json.JsonData;
import co.elastic.clients.json.JsonpMapper;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The erasure map's {@code keep.update} of an index: the partial update a kept doc gets, and
 * whether a doc read back carries it. Values are scalars or null, as the map's validation allows.
 */
final class KeepUpdates {
  private KeepUpdates() {}

  /** The update as the {@code doc} of a {@code _bulk} update. */
  static JsonObject json(Map<String, Object> update) {
    JsonObjectBuilder doc = Json.createObjectBuilder();
    update.forEach(
        (field, value) -> {
          if (value == null) {
            doc.addNull(field);
          } else if (value instanceof String s) {
            doc.add(field, s);
          } else if (value instanceof Boolean b) {
            doc.add(field, b);
          } else if (value instanceof Integer || value instanceof Long) {
            doc.add(field, ((Number) value).longValue());
          } else if (value instanceof Number n) {
            doc.add(field, new BigDecimal(n.toString()));
          } else {
            throw new IllegalArgumentException(
                "keep.update." + field + " must be a string, number, boolean or null");
          }
        });
    return doc.build();
  }

  /**
   * The doc holds nothing the update would change: each field is absent, null, or the update's
   * value. A field cleared by the update (null) is fine only absent or null.
   *
   * @param expected the update as {@link #json} built it, once per index rather than per doc
   */
  static boolean applied(JsonData source, JsonObject expected, JsonpMapper mapper) {
    if (source == null) {
      return true;
    }
    JsonObject doc = source.toJson(mapper).asJsonObject();
    for (String field : expected.keySet()) {
      JsonValue actual = doc.getOrDefault(field, JsonValue.NULL);
      if (actual != JsonValue.NULL && !same(actual, expected.get(field))) {
        return false;
      }
    }
    return true;
  }

  private static boolean same(JsonValue actual, JsonValue expected) {
    if (actual instanceof JsonNumber a && expected instanceof JsonNumber e) {
      return a.bigDecimalValue().compareTo(e.bigDecimalValue()) == 0;
    }
    if (actual instanceof JsonString a && expected instanceof JsonString e) {
      return a.getString().equals(e.getString());
    }
    return actual.equals(expected);
  }
}
