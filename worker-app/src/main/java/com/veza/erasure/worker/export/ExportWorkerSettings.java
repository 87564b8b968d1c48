package com.veza.erasure.worker.export;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;

/** The {@code exports} block of the worker-app's configuration. */
public class ExportWorkerSettings {

  /** Export ZIPs; in the stack, a volume the api-app mounts at the same path to serve downloads. */
  @NotEmpty private String directory = "./exports";

  /**
   * Public base URL of the api-app: the emailed link is {@code <base>/v1/me/exports/<id>/download}.
   */
  @NotEmpty private String downloadBaseUrl = "http://127.0.0.1:8080";

  @JsonProperty
  public String getDirectory() {
    return directory;
  }

  @JsonProperty
  public void setDirectory(String directory) {
    this.directory = directory;
  }

  @JsonProperty
  public String getDownloadBaseUrl() {
    return downloadBaseUrl;
  }

  @JsonProperty
  public void setDownloadBaseUrl(String downloadBaseUrl) {
    this.downloadBaseUrl = downloadBaseUrl;
  }
}
