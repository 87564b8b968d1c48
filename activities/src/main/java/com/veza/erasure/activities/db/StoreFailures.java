package com.veza.erasure.activities.db;

import io.temporal.failure.ApplicationFailure;
import java.sql.SQLException;
import org.jdbi.v3.core.JdbiException;

/**
 * Failures of statements that bind personal data (a name to look for, an address to keep), made
 * safe to report. JDBI's exception messages quote the statement and every bound value, and an
 * activity's failure is stored in the workflow history and logged by the worker: what is thrown
 * instead names the failure's class and SQLSTATE only, and carries no cause.
 */
public final class StoreFailures {

  /** The retryable failure type: a database that is back answers the retry. */
  public static final String POSTGRES_UNAVAILABLE = "POSTGRES_UNAVAILABLE";

  private StoreFailures() {}

  public static ApplicationFailure withoutValues(JdbiException e) {
    String state = null;
    for (Throwable t = e; t != null && state == null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        state = sql.getSQLState();
      }
    }
    return ApplicationFailure.newFailure(
        "PostgreSQL: " + e.getClass().getSimpleName() + (state == null ? "" : " SQLSTATE " + state),
        POSTGRES_UNAVAILABLE);
  }
}
