package com.veza.erasure.api.deletion;

import org.jdbi.v3.core.mapper.Nested;

/** A ledger row with its receipt as stored (jsonb as text; null until the deletion closes). */
public record LedgerReceipt(@Nested LedgerEntry entry, String receipt) {}
