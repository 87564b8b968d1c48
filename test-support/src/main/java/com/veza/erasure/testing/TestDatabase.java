package com.veza.erasure.testing;

import javax.sql.DataSource;

/** A fresh database, created from a template for one test (or one test class). */
public record TestDatabase(String jdbcUrl, String user, String password, DataSource dataSource) {

  /** The database name, the last path segment of {@link #jdbcUrl()}. */
  public String name() {
    String path = jdbcUrl.substring(jdbcUrl.indexOf('/', "jdbc:postgresql://".length()) + 1);
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }
}
