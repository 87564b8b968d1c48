package com.veza.erasure.deletion;

/**
 * What verification found left in one Elasticsearch index (docs/design.md#verification).
 *
 * @param byId docs named by the content snapshot (or the users doc) that should be gone, and kept
 *     track docs still carrying a name
 * @param byField docs whose owner field holds the user's id, kept tracks excepted; null when the
 *     index has no owner field configured
 */
public record SearchIndexLeft(long byId, Long byField) {}
