package com.veza.erasure.api;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.veza.erasure.api.auth.JsonUnauthorizedHandler;
import com.veza.erasure.api.auth.JwtAuthenticator;
import com.veza.erasure.api.auth.RecentAuthentication;
import com.veza.erasure.api.auth.SecurityFactory;
import com.veza.erasure.api.auth.VezaPrincipal;
import com.veza.erasure.api.backfill.AdminBackfillResource;
import com.veza.erasure.api.backfill.BackfillService;
import com.veza.erasure.api.backfill.LegacyCandidatesReadDao;
import com.veza.erasure.api.deletion.AdminDeletionResource;
import com.veza.erasure.api.deletion.DeletionLedgerReadDao;
import com.veza.erasure.api.deletion.DeletionService;
import com.veza.erasure.api.deletion.MeDeletionResource;
import com.veza.erasure.api.export.ExportFileReader;
import com.veza.erasure.api.export.ExportRequestDao;
import com.veza.erasure.api.export.ExportService;
import com.veza.erasure.api.export.ExportWorkflowStarter;
import com.veza.erasure.api.export.MeExportResource;
import com.veza.erasure.api.http.ApiExceptionMapper;
import com.veza.erasure.api.http.BodySizeLimitFilter;
import com.veza.erasure.api.http.JsonBodies;
import com.veza.erasure.api.http.JsonErrorMapper;
import com.veza.erasure.api.http.MalformedBodyMapper;
import com.veza.erasure.api.http.OpenApiResource;
import com.veza.erasure.api.http.UnexpectedExceptionMapper;
import com.veza.erasure.api.http.WebApplicationExceptionMapper;
import com.veza.erasure.api.temporal.TemporalClientFactory;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jdbi3.JdbiFactory;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.jdbi.v3.core.Jdbi;

/**
 * The REST API (docs/design.md#api-app): commands deletions and exports through Temporal, reads the
 * deletion ledger and the exports from PostgreSQL. Holds no activity code and no Redis or
 * Elasticsearch client.
 */
public class ApiApplication extends Application<ApiConfiguration> {

  private final TemporalClientFactory temporalClients;
  private final Clock clock;

  public ApiApplication() {
    this(TemporalClientFactory.grpc(), Clock.systemUTC());
  }

  /** For tests: a Temporal test environment's client and its (skippable) clock. */
  public ApiApplication(TemporalClientFactory temporalClients, Clock clock) {
    this.temporalClients = temporalClients;
    this.clock = clock;
  }

  public static void main(String[] args) throws Exception {
    new ApiApplication().run(args);
  }

  @Override
  public String getName() {
    return "veza-erasure-api";
  }

  @Override
  public void initialize(Bootstrap<ApiConfiguration> bootstrap) {
    // Non-strict: ${VAR:-default} everywhere; a missing secret then fails validation with its own
    // message.
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
  }

  @Override
  public void run(ApiConfiguration config, Environment environment) {
    configureJson(environment.getObjectMapper());
    if (config.getServerFactory() instanceof AbstractServerFactory server) {
      // Ours answer every error as {"code","message"}; Dropwizard's would answer some in its own
      // shape.
      server.setRegisterDefaultExceptionMappers(false);
    }

    WorkflowClient temporal = config.getTemporal().build(environment, temporalClients);
    Jdbi jdbi = new JdbiFactory().build(environment, config.getDatabase(), "postgresql");
    DeletionService deletions =
        new DeletionService(
            temporal,
            config.getTemporal().getTaskQueue(),
            jdbi.onDemand(DeletionLedgerReadDao.class),
            jdbi.onDemand(LegacyCandidatesReadDao.class),
            config.getDeletion().getRecoveryWindow(),
            clock);
    ExportService exports =
        new ExportService(
            jdbi.onDemand(ExportRequestDao.class),
            ExportWorkflowStarter.temporal(temporal, config.getTemporal().getTaskQueue()),
            new ExportFileReader(Path.of(config.getExports().getDirectory())),
            config.getExports(),
            clock);
    JsonBodies bodies = new JsonBodies(environment.getObjectMapper());

    errorHandling(config.getMaxBodyBytes()).forEach(environment.jersey()::register);
    auth(config.getSecurity(), clock).forEach(environment.jersey()::register);
    environment
        .jersey()
        .register(
            new MeDeletionResource(
                deletions,
                new RecentAuthentication(config.getSecurity().getRecentAuth(), clock),
                bodies));
    environment.jersey().register(new AdminDeletionResource(deletions, bodies));
    environment
        .jersey()
        .register(
            new AdminBackfillResource(
                new BackfillService(
                    temporal,
                    config.getTemporal().getTaskQueue(),
                    jdbi.onDemand(LegacyCandidatesReadDao.class))));
    environment.jersey().register(new MeExportResource(exports));
    environment.jersey().register(new OpenApiResource());
  }

  static void configureJson(ObjectMapper mapper) {
    mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    mapper.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
  }

  /**
   * The body limit, then a mapper for each kind of failure: every refusal is answered as {@code
   * {"code","message"}}. Shared with the resource-level tests, so they test what runs here.
   */
  static List<Object> errorHandling(long maxBodyBytes) {
    return List.of(
        new BodySizeLimitFilter(maxBodyBytes),
        new ApiExceptionMapper(),
        new JsonErrorMapper(),
        new MalformedBodyMapper(),
        new WebApplicationExceptionMapper(),
        new UnexpectedExceptionMapper());
  }

  /** Bearer JWTs checked by {@link JwtAuthenticator}, {@code @RolesAllowed}, {@code @Auth}. */
  static List<Object> auth(SecurityFactory security, Clock clock) {
    return List.of(
        new AuthDynamicFeature(
            new OAuthCredentialAuthFilter.Builder<VezaPrincipal>()
                .setAuthenticator(new JwtAuthenticator(security, clock))
                .setAuthorizer((principal, role, request) -> principal.hasRole(role))
                .setPrefix("Bearer")
                .setRealm("veza")
                .setUnauthorizedHandler(new JsonUnauthorizedHandler())
                .buildAuthFilter()),
        new RolesAllowedDynamicFeature(),
        new AuthValueFactoryProvider.Binder<>(VezaPrincipal.class));
  }
}
