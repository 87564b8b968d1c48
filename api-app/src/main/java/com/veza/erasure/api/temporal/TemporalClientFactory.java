package com.veza.erasure.api.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.concurrent.TimeUnit;

/**
 * How the application gets its {@link WorkflowClient}. Production connects over gRPC; tests hand in
 * the client of a {@code TestWorkflowEnvironment} so that time can be skipped.
 */
public interface TemporalClientFactory {

  WorkflowClient open(TemporalFactory config);

  /** Called when the application stops. */
  void close(WorkflowClient client);

  /**
   * A gRPC connection to {@code temporal.target} (over mutual TLS with {@code temporal.tls}), owned
   * (and shut down) by the application.
   */
  static TemporalClientFactory grpc() {
    return new TemporalClientFactory() {
      @Override
      public WorkflowClient open(TemporalFactory config) {
        // Lazy stubs: the API starts while Temporal is still coming up; the health check says so.
        WorkflowServiceStubs stubs =
            WorkflowServiceStubs.newServiceStubs(
                config
                    .getTls()
                    .applyTo(WorkflowServiceStubsOptions.newBuilder().setTarget(config.getTarget()))
                    .build());
        return WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(config.getNamespace()).build());
      }

      @Override
      public void close(WorkflowClient client) {
        WorkflowServiceStubs stubs = client.getWorkflowServiceStubs();
        stubs.shutdown();
        stubs.awaitTermination(5, TimeUnit.SECONDS);
      }
    };
  }
}
