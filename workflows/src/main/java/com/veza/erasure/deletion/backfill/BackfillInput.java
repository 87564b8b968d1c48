package com.veza.erasure.deletion.backfill;

/**
 * Input of one backfill pass.
 *
 * @param pageSize candidates read per keyset page (one query, then one start per account)
 */
public record BackfillInput(int pageSize) {

  public static final int DEFAULT_PAGE_SIZE = 500;

  /** Larger pages gain nothing: the starts, one RPC each, dominate. */
  public static final int MAX_PAGE_SIZE = 10_000;

  public boolean valid() {
    return pageSize >= 1 && pageSize <= MAX_PAGE_SIZE;
  }
}
