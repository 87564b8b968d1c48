package com.veza.erasure.worker;

import com.veza.erasure.deletion.DeletionSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the deletion search attributes in the namespace, for local runs and tests where nobody
 * ran {@code temporal operator search-attribute create}. Without them, starting a deletion fails.
 */
final class SearchAttributeRegistrar {

  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistrar.class);

  private final WorkflowServiceStubs stubs;
  private final String namespace;

  SearchAttributeRegistrar(WorkflowServiceStubs stubs, String namespace) {
    this.stubs = stubs;
    this.namespace = namespace;
  }

  void register() {
    // Over the worker's own channel; these stubs do not own it, so shutting them down leaves it
    // open.
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      // One per request: a server that refuses the whole request when one already exists still adds
      // the other.
      DeletionSearchAttributes.DEFINITIONS.forEach(
          (name, type) -> {
            try {
              operator
                  .blockingStub()
                  .addSearchAttributes(
                      AddSearchAttributesRequest.newBuilder()
                          .setNamespace(namespace)
                          .putSearchAttributes(name, type)
                          .build());
              log.info(
                  "Registered search attribute {} ({}) in namespace {}", name, type, namespace);
            } catch (StatusRuntimeException e) {
              if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                throw e;
              }
            }
          });
    } finally {
      operator.shutdown();
    }
  }
}
