package com.veza.erasure.export;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Export activities that record their calls and fail on demand, for workflow tests and recorded
 * histories.
 */
final class ScriptedExportActivities implements ExportActivities, ExportMailActivities {
  final List<String> calls = new CopyOnWriteArrayList<>();
  volatile boolean emailFails;
  volatile RuntimeException buildFailure;

  @Override
  public BuiltExport buildExport(BuildExportInput input) {
    calls.add("buildExport");
    if (buildFailure != null) {
      throw buildFailure;
    }
    return new BuiltExport("u/e.zip", 42, "abc", Map.of("playback_history.json", 3L));
  }

  @Override
  public void markReady(MarkReadyInput input) {
    calls.add("markReady");
  }

  @Override
  public void markFailed(MarkFailedInput input) {
    calls.add("markFailed:" + input.errorCode());
  }

  @Override
  public void expireExport(ExpireExportInput input) {
    calls.add("expireExport:" + input.storageKey());
  }

  @Override
  public void sendReadyEmail(ReadyEmailInput input) {
    calls.add("sendReadyEmail");
    if (emailFails) {
      throw new IllegalStateException("connection refused");
    }
  }
}
