package com.veza.erasure.worker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.veza.erasure.worker.backfill.BackfillWorkerSettings;
import com.veza.erasure.worker.deletion.DeletionWorkerSettings;
import com.veza.erasure.worker.deletion.NotificationsFactory;
import com.veza.erasure.worker.deletion.ReferencesFactory;
import com.veza.erasure.worker.export.ExportWorkerSettings;
import com.veza.erasure.worker.export.MailFactory;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The worker-app's YAML (see {@code worker-app/config.yml}); secrets come from the environment
 * only.
 */
public class WorkerConfiguration extends Configuration {

  @Valid @NotNull private TemporalWorkerFactory temporal = new TemporalWorkerFactory();

  /**
   * The platform's PostgreSQL: the activities erase its rows and keep the deletion ledger there.
   */
  @Valid @NotNull private DataSourceFactory database = new DataSourceFactory();

  @Valid @NotNull private MigrationsSettings migrations = new MigrationsSettings();

  /** Optional: absent or {@code enabled: false} → the cache step is SKIPPED. */
  @Valid private RedisFactory redis = new RedisFactory();

  /** Optional: absent or {@code enabled: false} → the search step is SKIPPED. */
  @Valid private SearchFactory elasticsearch = new SearchFactory();

  @Valid @NotNull private DeletionWorkerSettings deletion = new DeletionWorkerSettings();

  @Valid @NotNull private BackfillWorkerSettings backfill = new BackfillWorkerSettings();

  @Valid @NotNull private ExportWorkerSettings exports = new ExportWorkerSettings();

  @Valid @NotNull private MailFactory mail = new MailFactory();

  @Valid @NotNull private NotificationsFactory notifications = new NotificationsFactory();

  @Valid @NotNull private ReferencesFactory references = new ReferencesFactory();

  @JsonProperty
  public TemporalWorkerFactory getTemporal() {
    return temporal;
  }

  @JsonProperty
  public void setTemporal(TemporalWorkerFactory temporal) {
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
  public MigrationsSettings getMigrations() {
    return migrations;
  }

  @JsonProperty
  public void setMigrations(MigrationsSettings migrations) {
    this.migrations = migrations;
  }

  @JsonProperty
  public RedisFactory getRedis() {
    return redis;
  }

  @JsonProperty
  public void setRedis(RedisFactory redis) {
    this.redis = redis;
  }

  @JsonProperty
  public SearchFactory getElasticsearch() {
    return elasticsearch;
  }

  @JsonProperty
  public void setElasticsearch(SearchFactory elasticsearch) {
    this.elasticsearch = elasticsearch;
  }

  @JsonProperty
  public DeletionWorkerSettings getDeletion() {
    return deletion;
  }

  @JsonProperty
  public void setDeletion(DeletionWorkerSettings deletion) {
    this.deletion = deletion;
  }

  @JsonProperty
  public BackfillWorkerSettings getBackfill() {
    return backfill;
  }

  @JsonProperty
  public void setBackfill(BackfillWorkerSettings backfill) {
    this.backfill = backfill;
  }

  @JsonProperty
  public ExportWorkerSettings getExports() {
    return exports;
  }

  @JsonProperty
  public void setExports(ExportWorkerSettings exports) {
    this.exports = exports;
  }

  @JsonProperty
  public MailFactory getMail() {
    return mail;
  }

  @JsonProperty
  public void setMail(MailFactory mail) {
    this.mail = mail;
  }

  @JsonProperty
  public NotificationsFactory getNotifications() {
    return notifications;
  }

  @JsonProperty
  public void setNotifications(NotificationsFactory notifications) {
    this.notifications = notifications;
  }

  @JsonProperty
  public ReferencesFactory getReferences() {
    return references;
  }

  @JsonProperty
  public void setReferences(ReferencesFactory references) {
    this.references = references;
  }
}
