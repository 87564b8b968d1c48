package com.veza.erasure.api.temporal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.veza.erasure.common.TaskQueues;
import com.veza.erasure.common.TemporalTlsSettings;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.validation.ValidationMethod;
import io.temporal.client.WorkflowClient;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** The {@code temporal} block: where the API starts, queries and updates workflows. */
public class TemporalFactory {

  @NotEmpty private String target = "127.0.0.1:7233";
  @NotEmpty private String namespace = "default";

  /** Must be the queue the worker-app polls, or started workflows never run. */
  @NotEmpty private String taskQueue = TaskQueues.ERASURE;

  /** Mutual TLS to the frontend; off by default. */
  @Valid @NotNull private TemporalTlsSettings tls = new TemporalTlsSettings();

  /**
   * Opens the client through {@code clients} (the gRPC one in production, the test server's in
   * tests), closes it with the application and reports whether Temporal answers.
   */
  public WorkflowClient build(Environment environment, TemporalClientFactory clients) {
    WorkflowClient client = clients.open(this);
    environment
        .lifecycle()
        .manage(
            new Managed() {
              @Override
              public void stop() {
                clients.close(client);
              }
            });
    environment.healthChecks().register("temporal", new TemporalHealthCheck(client));
    return client;
  }

  @JsonProperty
  public String getTarget() {
    return target;
  }

  @JsonProperty
  public void setTarget(String target) {
    this.target = target;
  }

  @JsonProperty
  public String getNamespace() {
    return namespace;
  }

  @JsonProperty
  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  @JsonProperty
  public String getTaskQueue() {
    return taskQueue;
  }

  @JsonProperty
  public void setTaskQueue(String taskQueue) {
    this.taskQueue = taskQueue;
  }

  @JsonProperty
  @ValidationMethod(message = TemporalTlsSettings.MISSING_CLIENT_CERTIFICATE)
  @JsonIgnore
  public boolean isTlsClientCertificateSet() {
    return tls.isClientCertificateSet();
  }

  public TemporalTlsSettings getTls() {
    return tls;
  }

  @JsonProperty
  public void setTls(TemporalTlsSettings tls) {
    this.tls = tls;
  }
}
