package com.veza.erasure.deletion;

/**
 * What the search purge did to one index of the erasure map (docs/design.md#search-purge).
 *
 * @param index the index as the erasure map names it
 * @param deleted docs deleted by id: the snapshot's ids of the index's table rule, or the subject's
 *     own doc
 * @param anonymized docs of kept rows given the map's partial update; null when the index has no
 *     {@code keep} update
 * @param deletedByField docs found by the owner field (not by id) and deleted; null when the index
 *     has no owner field
 */
public record SearchIndexPurged(String index, long deleted, Long anonymized, Long deletedByField) {}
