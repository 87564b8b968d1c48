package com.veza.erasure.activities.erasuremap;

/**
 * The erasure map cannot be used: its message names the rule and what is wrong with it, e.g. {@code
 * postgres.tables[3] (comments): column "body2" does not exist}. The worker does not start.
 */
public final class ErasureMapException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ErasureMapException(String message) {
    super(message);
  }

  public ErasureMapException(String message, Throwable cause) {
    super(message, cause);
  }
}
