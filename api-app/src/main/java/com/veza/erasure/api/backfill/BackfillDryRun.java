package com.veza.erasure.api.backfill;

import java.util.List;
import java.util.UUID;

/**
 * Answer of a dry run: what a pass would start now. A candidate whose deletion workflow started in
 * the last seconds (it has no ledger row yet) is listed, and a pass would leave it alone.
 *
 * @param count every candidate
 * @param userIds the first {@code limit} candidates by id, the order a pass takes them in
 * @param truncated whether {@code count} is larger than the list
 */
public record BackfillDryRun(boolean dryRun, long count, List<UUID> userIds, boolean truncated) {}
