package com.veza.erasure.api.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.veza.erasure.api.ApiHarness;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Double clicks and retries at scale: two requests per user, all at once, one workflow per user.
 */
class ConcurrentRequestsTest {

  @RegisterExtension static final ApiHarness api = new ApiHarness();

  @Test
  void givenTwoHundredParallelRequestsForAHundredUsers_itStartsExactlyAHundredWorkflows()
      throws Exception {
    List<UUID> users = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      users.add(api.newUser());
    }
    List<UUID> senders = new ArrayList<>(users);
    senders.addAll(users);
    Collections.shuffle(senders);

    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    for (UUID user : senders) {
      HttpRequest request =
          api.request("/v1/me/deletion", api.tokens.user(user))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"keep_public_tracks\": false}"))
              .build();
      inFlight.add(api.http().sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }

    Map<UUID, Set<String>> runsByUser = new HashMap<>();
    Set<String> workflowIds = new HashSet<>();
    for (int i = 0; i < senders.size(); i++) {
      HttpResponse<String> response = inFlight.get(i).get();
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      JsonNode body = api.json.readTree(response.body());
      workflowIds.add(body.get("workflow_id").asText());
      runsByUser
          .computeIfAbsent(senders.get(i), u -> new HashSet<>())
          .add(body.get("workflow_id").asText() + "/" + body.get("run_id").asText());
    }

    assertThat(workflowIds).hasSize(100);
    assertThat(runsByUser).hasSize(100).allSatisfy((user, runs) -> assertThat(runs).hasSize(1));
    // And PostgreSQL agrees: one ledger row and one soft-delete per user.
    for (int i = 0; i < 50 && api.ledgerRows() < 100; i++) {
      api.env().sleep(Duration.ofSeconds(1));
    }
    assertThat(api.ledgerRows()).isEqualTo(100);
    assertThat(users).allSatisfy(user -> assertThat(api.deletedAt(user)).isNotNull());
  }
}
