package com.veza.erasure.activities.deletion;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.indices.GetFieldMappingResponse;
import co.elastic.clients.elasticsearch.indices.get_field_mapping.TypeFieldMappings;
import com.veza.erasure.common.ErasureErrors;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the docs of an index whose owner field holds the user's UUID, page by page, with a point in
 * time and {@code search_after} (docs/design.md#search-purge): the pages stay stable while the
 * caller deletes what they name, and no page needs a result window past the first.
 *
 * <p>The query is a {@code term} on the field's keyword form, resolved from the mapping: a {@code
 * keyword} field as it is, a {@code text} field through its {@code keyword} sub-field (what dynamic
 * mapping creates). A term query on analysed text would silently match nothing, so any other
 * mapping fails {@code SEARCH_MAPPING}.
 *
 * <p>A search sees the index as of its last refresh: a doc written within the refresh interval
 * before the sweep is not found, and a doc deleted just before can still be. Callers delete (a
 * second delete answers {@code not_found}) or confirm with a real-time {@code _mget}.
 */
final class OwnerFieldSearch {
  private static final Logger LOG = LoggerFactory.getLogger(OwnerFieldSearch.class);

  /** Renewed by every page; long enough for one page's {@code _bulk} chunks to finish. */
  static final String KEEP_ALIVE = "2m";

  private final ElasticsearchClient client;
  private final int pageSize;

  OwnerFieldSearch(ElasticsearchClient client, int pageSize) {
    this.client = client;
    this.pageSize = pageSize;
  }

  /** Handles one page of hit ids; returns how many it counted. */
  @FunctionalInterface
  interface PageHandler {
    long handle(List<String> ids) throws IOException;
  }

  /**
   * Runs {@code handler} on every page of docs of {@code index} whose {@code field} equals {@code
   * userId}. A missing index, or one that does not map the field, has no such doc.
   *
   * @param heartbeat called after every page
   * @return the sum of what {@code handler} counted
   */
  long forEachPage(String index, String field, UUID userId, PageHandler handler, Runnable heartbeat)
      throws IOException {
    Optional<String> termField = termField(index, field);
    if (termField.isEmpty()) {
      return 0;
    }
    String pit;
    try {
      pit = client.openPointInTime(p -> p.index(index).keepAlive(t -> t.time(KEEP_ALIVE))).id();
    } catch (ElasticsearchException e) {
      if (SearchFailures.isIndexNotFound(e)) {
        return 0;
      }
      throw e;
    }
    long counted = 0;
    long found = 0;
    int pages = 0;
    try {
      List<FieldValue> after = null;
      while (true) {
        String currentPit = pit;
        List<FieldValue> searchAfter = after;
        SearchResponse<Void> response =
            client.search(
                s -> {
                  s.pit(p -> p.id(currentPit).keepAlive(t -> t.time(KEEP_ALIVE)))
                      .query(q -> q.term(t -> t.field(termField.get()).value(userId.toString())))
                      .source(src -> src.fetch(false))
                      .size(pageSize)
                      .trackTotalHits(t -> t.enabled(false))
                      // _shard_doc: the cheapest total order a point in time offers.
                      .sort(o -> o.field(f -> f.field("_shard_doc").order(SortOrder.Asc)));
                  if (searchAfter != null) {
                    s.searchAfter(searchAfter);
                  }
                  return s;
                },
                Void.class);
        if (response.pitId() != null) {
          pit = response.pitId();
        }
        List<Hit<Void>> hits = response.hits().hits();
        if (hits.isEmpty()) {
          break;
        }
        pages++;
        found += hits.size();
        counted += handler.handle(hits.stream().map(Hit::id).toList());
        heartbeat.run();
        // Index, field and counts only: the ids are the user's content.
        LOG.info(
            "owner-field sweep index={} field={} page={} found={} counted={}",
            index,
            field,
            pages,
            found,
            counted);
        if (hits.size() < pageSize) {
          break;
        }
        after = hits.get(hits.size() - 1).sort();
      }
    } finally {
      close(index, pit);
    }
    return counted;
  }

  /**
   * How many docs of {@code index} have {@code field} equal to {@code userId}, as the sweep's query
   * finds them: for a dry run. A missing index, or one that does not map the field, has none.
   */
  long count(String index, String field, UUID userId) throws IOException {
    Optional<String> termField = termField(index, field);
    if (termField.isEmpty()) {
      return 0;
    }
    try {
      return client
          .count(
              c ->
                  c.index(index)
                      .query(q -> q.term(t -> t.field(termField.get()).value(userId.toString()))))
          .count();
    } catch (ElasticsearchException e) {
      if (SearchFailures.isIndexNotFound(e)) {
        return 0;
      }
      throw e;
    }
  }

  /**
   * The field to run the term query on, or empty when no doc can match: the index is missing, or
   * none of its concrete indices maps the field.
   */
  Optional<String> termField(String index, String field) throws IOException {
    GetFieldMappingResponse response;
    try {
      response = client.indices().getFieldMapping(m -> m.index(index).fields(field));
    } catch (ElasticsearchException e) {
      if (SearchFailures.isIndexNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
    // Every concrete index behind an alias must resolve to the same field, or one term query
    // cannot find the user's docs in all of them.
    TreeSet<String> resolved = new TreeSet<>();
    for (Map.Entry<String, TypeFieldMappings> concrete : response.result().entrySet()) {
      var mapping = concrete.getValue().mappings().get(field);
      if (mapping == null || mapping.mapping().isEmpty()) {
        continue;
      }
      Property property = mapping.mapping().values().iterator().next();
      resolved.add(keywordForm(index, field, property));
    }
    if (resolved.size() > 1) {
      throw ErasureErrors.SEARCH_MAPPING.failure(
          "Elasticsearch index "
              + index
              + ": owner field "
              + field
              + " is mapped differently across its indices "
              + resolved);
    }
    return resolved.stream().findFirst();
  }

  private static String keywordForm(String index, String field, Property property) {
    if (property.isKeyword() || property.isConstantKeyword() || property.isWildcard()) {
      return field;
    }
    if (property.isText()) {
      for (Map.Entry<String, Property> sub : property.text().fields().entrySet()) {
        if (sub.getValue().isKeyword()) {
          return field + "." + sub.getKey();
        }
      }
    }
    throw ErasureErrors.SEARCH_MAPPING.failure(
        "Elasticsearch index "
            + index
            + ": owner field "
            + field
            + " is mapped as "
            + property._kind().jsonValue()
            + ", not keyword: a term query on it would find nothing");
  }

  /** Never throws: a point in time left open expires after {@link #KEEP_ALIVE} anyway. */
  private void close(String index, String pit) {
    try {
      client.closePointInTime(c -> c.id(pit));
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "closing a point in time failed index={} error={}", index, e.getClass().getSimpleName());
    }
  }
}
