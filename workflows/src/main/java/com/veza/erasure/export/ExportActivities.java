package com.veza.erasure.export;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Building, publishing and expiring one export. Every method is idempotent. */
@ActivityInterface
public interface ExportActivities {

  /**
   * Marks the row RUNNING, streams the user's data into a ZIP in export storage (profile.json,
   * tracks.json, playlists.json, messages.json, playback_history.json, README.txt) without loading
   * a whole table in memory, and returns where it is, its size and SHA-256.
   */
  @ActivityMethod
  BuiltExport buildExport(BuildExportInput input);

  /** The row becomes READY with size, checksum, storage key and expiry. */
  @ActivityMethod
  void markReady(MarkReadyInput input);

  /** The row becomes FAILED with an error code (never a message that could hold data). */
  @ActivityMethod
  void markFailed(MarkFailedInput input);

  /** Deletes the file and marks the row EXPIRED; a file already gone counts as deleted. */
  @ActivityMethod
  void expireExport(ExpireExportInput input);
}
