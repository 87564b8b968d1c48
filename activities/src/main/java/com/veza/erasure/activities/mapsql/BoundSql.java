package com.veza.erasure.activities.mapsql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A statement built from the validated map: SQL holding only quoted identifiers and named
 * parameters, and the values bound to them.
 */
public record BoundSql(String sql, Map<String, Object> binds) {
  public BoundSql {
    binds = Collections.unmodifiableMap(new LinkedHashMap<>(binds));
  }
}
