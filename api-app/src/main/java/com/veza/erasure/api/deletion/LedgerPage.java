package com.veza.erasure.api.deletion;

import java.util.List;

/**
 * One page of the ledger, oldest first.
 *
 * @param nextAfter pass as {@code after} for the next page; null on the last page
 */
public record LedgerPage(List<LedgerEntry> items, Long nextAfter) {}
