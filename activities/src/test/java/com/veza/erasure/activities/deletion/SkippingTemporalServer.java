package com.veza.erasure.activities.deletion;

import com.google.protobuf.Empty;
import com.veza.erasure.deletion.DeletionSearchAttributes;
import com.veza.erasure.testing.FreePorts;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.testservice.v1.LockTimeSkippingRequest;
import io.temporal.api.testservice.v1.SleepRequest;
import io.temporal.api.testservice.v1.UnlockTimeSkippingRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.internal.common.ProtobufTimeUtils;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.TestServiceStubs;
import io.temporal.serviceclient.TestServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's test server on a real port, with time skipping driven explicitly. Unlike the
 * in-process {@code TestWorkflowEnvironment}, each worker gets its own gRPC connection, so a killed
 * worker's polls die with its connection as they do when a real worker process dies.
 */
final class SkippingTemporalServer implements AutoCloseable {
  private final TestServer.PortBoundTestServer server;
  private final String target;
  private final WorkflowServiceStubs clientStubs;
  private final TestServiceStubs testService;
  private final WorkflowClient client;

  SkippingTemporalServer() {
    int port = FreePorts.next();
    server = TestServer.createPortBoundServer(port, false);
    target = "127.0.0.1:" + port;
    clientStubs = stubs();
    testService =
        TestServiceStubs.newServiceStubs(
            TestServiceStubsOptions.newBuilder()
                .setTarget(target)
                .setRpcTimeout(Duration.ofMinutes(2))
                .validateAndBuildWithDefaults());
    // Time stands still unless a test sleeps or waits for a result, as in TestWorkflowEnvironment.
    testService.blockingStub().lockTimeSkipping(LockTimeSkippingRequest.newBuilder().build());
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target)
                .validateAndBuildWithDefaults());
    try {
      operator
          .blockingStub()
          .addSearchAttributes(
              AddSearchAttributesRequest.newBuilder()
                  .setNamespace("default")
                  .putAllSearchAttributes(DeletionSearchAttributes.DEFINITIONS)
                  .build());
    } finally {
      operator.shutdownNow();
    }
    client = WorkflowClient.newInstance(clientStubs);
  }

  /** A connection of its own, as a separate worker process would have. */
  WorkflowServiceStubs stubs() {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(target).validateAndBuildWithDefaults());
  }

  WorkflowClient client() {
    return client;
  }

  long currentTimeMillis() {
    return ProtobufTimeUtils.toJavaInstant(
            testService.blockingStub().getCurrentTime(Empty.getDefaultInstance()).getTime())
        .toEpochMilli();
  }

  /** Advances server time by {@code duration}, firing timers on the way. */
  void sleep(Duration duration) {
    // Server time moves only while nothing runs, so a sleep across a running activity takes a
    // while.
    testService
        .blockingStub()
        .unlockTimeSkippingWithSleep(
            SleepRequest.newBuilder()
                .setDuration(ProtobufTimeUtils.toProtoDuration(duration))
                .build());
  }

  /**
   * Runs {@code wait} with time skipping on, so timers and retry backoffs do not take real time.
   */
  <T> T skippingWhile(Callable<T> wait) throws Exception {
    testService.blockingStub().unlockTimeSkipping(UnlockTimeSkippingRequest.newBuilder().build());
    try {
      return wait.call();
    } finally {
      testService.blockingStub().lockTimeSkipping(LockTimeSkippingRequest.newBuilder().build());
    }
  }

  @Override
  public void close() {
    clientStubs.shutdownNow();
    testService.shutdownNow();
    clientStubs.awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }
}
