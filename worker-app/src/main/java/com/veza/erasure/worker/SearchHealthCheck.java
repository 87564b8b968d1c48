package com.veza.erasure.worker;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import com.codahale.metrics.health.HealthCheck;
import java.io.IOException;

/**
 * Healthy when the cluster is green or yellow. Cluster health, not {@code GET /}: some
 * distributions answer 405 to the root endpoint, and health says whether writes can land.
 */
final class SearchHealthCheck extends HealthCheck {

  private final ElasticsearchClient client;

  SearchHealthCheck(ElasticsearchClient client) {
    this.client = client;
  }

  @Override
  protected Result check() throws IOException {
    HealthResponse health = client.cluster().health();
    String summary = "cluster " + health.clusterName() + " is " + health.status().jsonValue();
    return health.status() == HealthStatus.Red
        ? Result.unhealthy(summary)
        : Result.healthy(summary);
  }
}
