package com.veza.erasure.export;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One data export (GDPR Art. 15/20): build the ZIP, mark it ready, email the link, and delete the
 * file when the link expires. ID {@code data-export-<exportUuid>} ({@link #workflowId}). The {@code
 * data_exports} row (and the rate limit) is created by the API before the start.
 */
@WorkflowInterface
public interface DataExportWorkflow {

  String ID_PREFIX = "data-export-";

  static String workflowId(String exportUuid) {
    return ID_PREFIX + exportUuid;
  }

  @WorkflowMethod
  ExportStatus export(ExportRequest request);

  @QueryMethod
  ExportStatus status();
}
