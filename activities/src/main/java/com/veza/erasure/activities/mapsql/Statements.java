package com.veza.erasure.activities.mapsql;

import org.jdbi.v3.core.Handle;

/** Runs a {@link BoundSql} on a handle, through JDBI's named parameters. */
final class Statements {
  private Statements() {}

  static int execute(Handle h, BoundSql sql) {
    return h.createUpdate(sql.sql()).bindMap(sql.binds()).execute();
  }

  static long count(Handle h, BoundSql sql) {
    return h.createQuery(sql.sql()).bindMap(sql.binds()).mapTo(Long.class).one();
  }

  static boolean exists(Handle h, BoundSql sql) {
    return h.createQuery(sql.sql()).bindMap(sql.binds()).mapTo(Integer.class).findOne().isPresent();
  }
}
