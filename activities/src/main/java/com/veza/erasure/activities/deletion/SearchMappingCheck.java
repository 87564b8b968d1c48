package com.veza.erasure.activities.deletion;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.GetFieldMappingResponse;
import co.elastic.clients.elasticsearch.indices.GetMappingResponse;
import com.veza.erasure.activities.erasuremap.ErasureMapException;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The erasure map's {@code elasticsearch} rules checked against the live index mappings, at worker
 * start and by {@code check-map} (docs/describe-your-schema.md#elasticsearch): an owner field must
 * be mapped as a keyword (or text with a keyword sub-field), else its term query finds nothing; a
 * field a {@code keep.update} sets to a value must be mapped, else the update adds a new field and
 * leaves the real one, still naming the user, in place; a missing index is a misspelt or renamed
 * one unless its rule says {@code optional: true}. An optional index that does not exist yet, or
 * any index without a mapping yet, has nothing to check: it holds no doc of anyone.
 */
public final class SearchMappingCheck {
  private static final Logger LOG = LoggerFactory.getLogger(SearchMappingCheck.class);

  /**
   * What the check found.
   *
   * @param reachable Elasticsearch answered; false: nothing was checked
   * @param problems each prefixed with its rule, e.g. {@code elasticsearch.indices[1] (tracks):
   *     ...}
   * @param notChecked indices with nothing to check, and why
   */
  public record Result(boolean reachable, List<String> problems, List<String> notChecked) {
    public Result {
      problems = List.copyOf(problems);
      notChecked = List.copyOf(notChecked);
    }

    /**
     * Stops the start (or {@code check-map}) on any problem.
     *
     * @throws ErasureMapException naming every problem, one per line
     */
    public void throwIfInvalid(String source) {
      if (!problems.isEmpty()) {
        throw new ErasureMapException(
            "erasure map "
                + source
                + " does not fit the Elasticsearch mappings:\n  "
                + String.join("\n  ", problems));
      }
    }
  }

  private final ElasticsearchClient client;

  public SearchMappingCheck(ElasticsearchClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** Checks every target; an unreachable or refusing cluster leaves all of them unchecked. */
  public Result check(List<SearchTarget> targets) {
    List<String> problems = new ArrayList<>();
    List<String> notChecked = new ArrayList<>();
    try {
      for (SearchTarget target : targets) {
        check(target, problems, notChecked);
      }
    } catch (IOException | ElasticsearchException e) {
      // The type only: an error body can quote a document.
      LOG.warn(
          "Elasticsearch mappings not checked against the erasure map: {}",
          e.getClass().getSimpleName());
      return new Result(false, List.of(), List.of("Elasticsearch unreachable"));
    }
    return new Result(true, problems, notChecked);
  }

  private void check(SearchTarget target, List<String> problems, List<String> notChecked)
      throws IOException {
    String index = target.index();
    if (!client.indices().exists(e -> e.index(index)).value()) {
      if (target.optional()) {
        notChecked.add(target.rule() + ": index " + index + " does not exist");
      } else {
        problems.add(
            target.rule()
                + ": index "
                + index
                + " does not exist (optional: true if the platform creates it later)");
      }
      return;
    }
    GetMappingResponse mappings = client.indices().getMapping(m -> m.index(index));
    boolean mapped =
        mappings.result().values().stream()
            .anyMatch(m -> m.mappings() != null && !m.mappings().properties().isEmpty());
    if (!mapped) {
      notChecked.add(target.rule() + ": index " + index + " has no mapping yet");
      return;
    }
    if (target.ownerField() != null) {
      try {
        if (new OwnerFieldSearch(client, 1).termField(index, target.ownerField()).isEmpty()) {
          problems.add(
              target.rule()
                  + ": ownerField "
                  + target.ownerField()
                  + " is not in the mapping of index "
                  + index);
        }
      } catch (ApplicationFailure wrongType) {
        problems.add(target.rule() + ": " + wrongType.getOriginalMessage());
      }
    }
    if (target.keepsDocs()) {
      for (Map.Entry<String, Object> field : target.keepUpdate().entrySet()) {
        // Clearing a field that is not mapped clears nothing anyone can search.
        if (field.getValue() != null && !isMapped(index, field.getKey())) {
          problems.add(
              target.rule()
                  + ": keep.update field "
                  + field.getKey()
                  + " is not in the mapping of index "
                  + index
                  + ": the update would add it and leave the real field as it is");
        }
      }
    }
  }

  private boolean isMapped(String index, String field) throws IOException {
    GetFieldMappingResponse response =
        client.indices().getFieldMapping(m -> m.index(index).fields(field));
    return response.result().values().stream()
        .map(concrete -> concrete.mappings().get(field))
        .anyMatch(mapping -> mapping != null && !mapping.mapping().isEmpty());
  }
}
