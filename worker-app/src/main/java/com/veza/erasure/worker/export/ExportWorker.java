package com.veza.erasure.worker.export;

import com.veza.erasure.activities.export.ExportActivitiesImpl;
import com.veza.erasure.activities.export.ExportMailActivitiesImpl;
import com.veza.erasure.activities.export.ExportStorage;
import com.veza.erasure.activities.export.MailSettings;
import com.veza.erasure.export.DataExportWorkflowImpl;
import io.temporal.worker.Worker;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * Registers the data export (docs/design.md#data-export-workflow) on the deletion's worker: the
 * workflow and its activities.
 */
public final class ExportWorker {

  private ExportWorker() {}

  public static void register(
      Worker worker, Jdbi jdbi, Clock clock, ExportStorage storage, MailSettings mail) {
    worker.registerWorkflowImplementationTypes(DataExportWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new ExportActivitiesImpl(jdbi, storage, clock),
        new ExportMailActivitiesImpl(jdbi, mail, clock));
  }
}
