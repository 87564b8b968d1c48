package com.veza.erasure.api.export;

import com.veza.erasure.export.DataExportWorkflow;
import com.veza.erasure.export.ExportRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;

/** Starts {@link DataExportWorkflow} for a row the API has just inserted. */
public interface ExportWorkflowStarter {

  void start(ExportRequest request);

  static ExportWorkflowStarter temporal(WorkflowClient client, String taskQueue) {
    return request -> {
      DataExportWorkflow workflow =
          client.newWorkflowStub(
              DataExportWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(DataExportWorkflow.workflowId(request.exportId()))
                  .setTaskQueue(taskQueue)
                  .setStaticSummary("Data export (GDPR Art. 15/20) for user " + request.userId())
                  .build());
      WorkflowClient.start(workflow::export, request);
    };
  }
}
