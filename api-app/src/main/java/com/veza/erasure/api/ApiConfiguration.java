package com.veza.erasure.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.veza.erasure.api.auth.SecurityFactory;
import com.veza.erasure.api.deletion.DeletionApiSettings;
import com.veza.erasure.api.export.ExportApiSettings;
import com.veza.erasure.api.temporal.TemporalFactory;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The api-app's YAML (see {@code api-app/config.yml}); secrets come from the environment only. */
public class ApiConfiguration extends Configuration {

  @Valid @NotNull private TemporalFactory temporal = new TemporalFactory();

  /** The deletion ledger read model lives in the same PostgreSQL as the platform tables. */
  @Valid @NotNull private DataSourceFactory database = new DataSourceFactory();

  @Valid @NotNull private DeletionApiSettings deletion = new DeletionApiSettings();

  @Valid @NotNull private ExportApiSettings exports = new ExportApiSettings();

  @Valid @NotNull private SecurityFactory security = new SecurityFactory();

  /** Every request body of this API is a few bytes of JSON; anything larger is refused unread. */
  @Min(1)
  @Max(10 * 1024 * 1024)
  private long maxBodyBytes = 16 * 1024;

  @JsonProperty
  public TemporalFactory getTemporal() {
    return temporal;
  }

  @JsonProperty
  public void setTemporal(TemporalFactory temporal) {
    this.temporal = temporal;
  }

  @JsonProperty
  public DataSourceFactory getDatabase() {
    return database;
  }

  @JsonProperty
  public void setDatabase(DataSourceFactory database) {
    this.database = database;
  }

  @JsonProperty
  public DeletionApiSettings getDeletion() {
    return deletion;
  }

  @JsonProperty
  public void setDeletion(DeletionApiSettings deletion) {
    this.deletion = deletion;
  }

  @JsonProperty
  public ExportApiSettings getExports() {
    return exports;
  }

  @JsonProperty
  public void setExports(ExportApiSettings exports) {
    this.exports = exports;
  }

  @JsonProperty
  public SecurityFactory getSecurity() {
    return security;
  }

  @JsonProperty
  public void setSecurity(SecurityFactory security) {
    this.security = security;
  }

  @JsonProperty
  public long getMaxBodyBytes() {
    return maxBodyBytes;
  }

  @JsonProperty
  public void setMaxBodyBytes(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }
}
