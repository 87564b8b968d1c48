package com.veza.erasure.export;

/** The {@code data_exports.status} values. */
public enum ExportState {
  PENDING,
  RUNNING,
  READY,
  FAILED,
  EXPIRED
}
