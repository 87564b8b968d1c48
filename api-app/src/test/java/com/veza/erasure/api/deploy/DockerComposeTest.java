package com.veza.erasure.api.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.veza.erasure.api.auth.SecurityFactory;
import com.veza.erasure.deletion.DeletionSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Docker engine is not available where the build runs, so the stack is proven by reading it:
 * {@code docker-compose.yml} against both apps' {@code config.yml}, their Dockerfiles and {@code
 * .env.example}. Above all, every variable an app's config reads must be set by its compose
 * service, so a key added to a config.yml cannot silently fall back to its localhost default in the
 * stack.
 */
class DockerComposeTest {

  /** Surefire runs in the module directory; the compose file is at the repository root. */
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** Dropwizard's {@code ${VAR}} / {@code ${VAR:-default}} substitution in config.yml. */
  private static final Pattern CONFIG_PLACEHOLDER =
      Pattern.compile("\\$\\{([A-Z0-9_]+)(:-[^}]*)?\\}");

  /** A YAML comment: a {@code #} at the start of a line or after whitespace, to the end of it. */
  private static final Pattern YAML_COMMENT = Pattern.compile("(^|\\s)#.*$");

  /** Compose's own interpolation; {@code :?} marks a variable the user must set. */
  private static final Pattern COMPOSE_REQUIRED = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?[^}]*\\}");

  /** Read by the JVM, not by config.yml. */
  private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JAVA_OPTS");

  private static final List<String> SERVICES =
      List.of(
          "postgresql",
          "temporal-schema",
          "temporal",
          "temporal-namespace",
          "temporal-ui",
          "redis",
          "elasticsearch",
          "mailpit",
          "worker-app",
          "api-app");

  /** The services that run once and exit; the others wait for them to have succeeded. */
  private static final List<String> ONE_SHOTS = List.of("temporal-schema", "temporal-namespace");

  /** Temporal's schema directories for PostgreSQL, by database, in the admin-tools image. */
  private static final Map<String, String> TEMPORAL_SCHEMAS =
      Map.of(
          "temporal", "/etc/temporal/schema/postgresql/v12/temporal/versioned",
          "temporal_visibility", "/etc/temporal/schema/postgresql/v12/visibility/versioned");

  private static JsonNode services;

  @BeforeAll
  static void readTheComposeFile() throws IOException {
    services =
        new ObjectMapper(new YAMLFactory())
            .readTree(ROOT.resolve("docker-compose.yml").toFile())
            .path("services");
  }

  @Test
  void givenTheComposeFile_itHasEveryServiceOfTheStack() {
    assertThat(fieldNames(services)).containsAll(SERVICES);
  }

  @Test
  void givenTheComposeFile_itPinsATagForEveryImage() {
    for (String name : fieldNames(services)) {
      JsonNode service = services.get(name);
      if (!service.has("image")) {
        assertThat(service.has("build")).as("%s has neither image nor build", name).isTrue();
        continue;
      }
      String image = service.get("image").asText();
      assertThat(tagOf(image))
          .as("tag of %s (%s)", name, image)
          .isNotNull()
          .isNotEqualTo("latest")
          // A major-only tag (postgres:17, redis:7) moves as much as latest does.
          .contains(".");
    }
  }

  /** Temporal stopped building auto-setup images; its last one would pin the stack to 1.29. */
  @Test
  void givenTheComposeFile_itRunsNoAutoSetupImage() {
    for (String name : fieldNames(services)) {
      assertThat(services.get(name).path("image").asText())
          .as("image of %s", name)
          .doesNotContain("auto-setup");
    }
    assertThat(imageOf("temporal")).isEqualTo("temporalio/server");
    ONE_SHOTS.forEach(
        s -> assertThat(imageOf(s)).as("image of %s", s).isEqualTo("temporalio/admin-tools"));
  }

  /** The schema versions admin-tools applies are the ones its own server release expects. */
  @Test
  void givenTheTemporalImages_itRunsTheSchemaToolOfTheServersRelease() {
    String server = tagOf(services.path("temporal").path("image").asText());
    for (String oneShot : ONE_SHOTS) {
      assertThat(tagOf(services.path(oneShot).path("image").asText()))
          .as("admin-tools tag of %s", oneShot)
          .isEqualTo(server);
    }
  }

  @Test
  void givenTheSchemaService_itCreatesAndMigratesBothDatabasesOfTheServer() {
    String command = text(services.path("temporal-schema").path("command"));
    Map<String, String> server = environmentOf("temporal");

    assertThat(command).contains("--plugin postgres12 --ep postgresql -p 5432 -u temporal");
    assertThat(server)
        .containsEntry("DB", "postgres12")
        .containsEntry("POSTGRES_SEEDS", "postgresql")
        .containsEntry("DB_PORT", "5432")
        .containsEntry("POSTGRES_USER", "temporal")
        .containsEntry("DBNAME", "temporal")
        .containsEntry("VISIBILITY_DBNAME", "temporal_visibility");
    TEMPORAL_SCHEMAS.forEach(
        (database, schemaDir) ->
            assertThat(command)
                .contains("--db " + database + " create")
                .contains("--db " + database + " setup-schema -v 0.0")
                .contains("--db " + database + " update-schema -d " + schemaDir));
    // The same role and password as the server's: the schema belongs to the role that uses it.
    assertThat(environmentOf("temporal-schema"))
        .containsEntry("SQL_PASSWORD", server.get("POSTGRES_PWD"));
  }

  /**
   * setup-schema records version 0.0; on a database already set up, update-schema would then replay
   * every version onto the existing tables. The base schema is only for a database update-schema
   * cannot migrate.
   */
  @Test
  void givenTheSchemaService_whenTheStackStartsAgain_itUpdatesTheSchemaBeforeSettingItUp() {
    String command = text(services.path("temporal-schema").path("command"));

    TEMPORAL_SCHEMAS.forEach(
        (database, schemaDir) -> {
          String update = "--db " + database + " update-schema -d " + schemaDir;
          String setup = "--db " + database + " setup-schema -v 0.0";
          assertThat(command.indexOf(update))
              .as("%s: update-schema before setup-schema", database)
              .isLessThan(command.indexOf(setup));
          assertThat(command.substring(command.indexOf(update)))
              .as("%s: setup-schema only when update-schema fails", database)
              .containsPattern(
                  Pattern.quote(update) + "\\s*\\\\?\\s*\\|\\|\\s*\\{[^}]*" + Pattern.quote(setup));
        });
  }

  @Test
  void givenTheComposeFile_itRunsTheElasticsearchVersionTheTestsRun() throws IOException {
    Matcher property =
        Pattern.compile("<elasticsearch\\.server\\.version>([^<]+)<")
            .matcher(Files.readString(ROOT.resolve("pom.xml")));
    assertThat(property.find()).as("elasticsearch.server.version in pom.xml").isTrue();

    String tag = tagOf(services.path("elasticsearch").path("image").asText());
    assertThat(tag).matches("8\\.19\\.\\d+").isEqualTo(property.group(1));
    assertThat(environmentOf("elasticsearch"))
        .containsEntry("discovery.type", "single-node")
        .containsEntry("xpack.security.enabled", "false");
  }

  @Test
  void givenTheComposeFile_itPublishesTheUserFacingPorts() {
    assertThat(hostPorts("temporal")).contains(7233);
    assertThat(hostPorts("temporal-ui")).contains(8233);
    assertThat(hostPorts("mailpit")).contains(8025, 1025);
    assertThat(hostPorts("api-app")).contains(8080);
    assertThat(environmentOf("temporal-ui")).containsEntry("TEMPORAL_ADDRESS", "temporal:7233");
  }

  /**
   * Temporal's frontend has no authentication here: whoever reaches it can cancel a deletion, which
   * recovers the account. It, its UI and the demo mailbox are the operator's, on loopback only.
   */
  @ParameterizedTest
  @ValueSource(strings = {"temporal", "temporal-ui", "mailpit"})
  void givenTheComposeFile_itPublishesTheOperatorsPortsOnLoopbackOnly(String service) {
    List<Published> ports = published(service);
    assertThat(ports).as("%s ports", service).isNotEmpty();
    for (Published port : ports) {
      assertThat(port.onLoopback())
          .as("%s publishes %s on every interface of the host", service, port)
          .isTrue();
    }
  }

  /** Only the API is meant to be reached from other machines. */
  @Test
  void givenTheComposeFile_itPublishesOnlyTheApiBeyondLoopback() {
    Map<String, List<Published>> open = new LinkedHashMap<>();
    for (String name : fieldNames(services)) {
      List<Published> ports = published(name).stream().filter(p -> !p.onLoopback()).toList();
      if (!ports.isEmpty()) {
        open.put(name, ports);
      }
    }
    assertThat(open.keySet())
        .as("services published on every interface: %s", open)
        .containsOnly("api-app");
    // Its Dropwizard admin connector (8081) stays inside the container, for the healthcheck.
    assertThat(open.get("api-app")).extracting(Published::containerPort).containsOnly(8080);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "postgresql",
        "redis",
        "elasticsearch",
        "worker-app",
        "temporal-schema",
        "temporal-namespace"
      })
  void givenTheComposeFile_itPublishesNoBackingService(String service) {
    assertThat(published(service)).as("%s ports", service).isEmpty();
  }

  @Test
  void givenTheComposeFile_itHealthChecksTheBackingServices() {
    assertThat(healthcheck("postgresql")).contains("pg_isready");
    // The server image has no temporal CLI; temporal-namespace waits for the frontend to serve.
    assertThat(healthcheck("temporal")).contains("nc -z localhost 7233");
    assertThat(environmentOf("temporal")).containsEntry("BIND_ON_IP", "0.0.0.0");
    assertThat(healthcheck("redis")).contains("redis-cli ping");
    assertThat(healthcheck("elasticsearch")).contains("_cluster/health");
  }

  @Test
  void givenAServiceWaitedOnForHealth_itHasAHealthcheck() {
    for (String name : fieldNames(services)) {
      dependencies(name)
          .forEach(
              (dependency, condition) -> {
                assertThat(services.has(dependency))
                    .as("%s depends on unknown %s", name, dependency)
                    .isTrue();
                if (condition.equals("service_healthy")) {
                  assertThat(services.path(dependency).has("healthcheck"))
                      .as(
                          "%s waits for %s to be healthy, which has no healthcheck",
                          name, dependency)
                      .isTrue();
                }
              });
    }
  }

  @Test
  void givenTheComposeFile_itStartsTheAppsOnlyOnceTheirDependenciesAreReady() {
    Map<String, String> ready =
        Map.of(
            "postgresql", "service_healthy",
            "temporal", "service_healthy",
            "temporal-namespace", "service_completed_successfully");

    assertThat(dependencies("worker-app"))
        .containsAllEntriesOf(ready)
        .containsEntry("redis", "service_healthy")
        .containsEntry("elasticsearch", "service_healthy");
    assertThat(dependencies("api-app"))
        .containsAllEntriesOf(ready)
        // The worker's Flyway migrations create the ledger the API reads.
        .containsEntry("worker-app", "service_healthy");
    assertThat(dependencies("temporal-schema")).containsEntry("postgresql", "service_healthy");
    assertThat(dependencies("temporal-namespace")).containsEntry("temporal", "service_healthy");
    assertThat(dependencies("temporal-ui")).containsEntry("temporal", "service_healthy");
  }

  /** The server would start on missing or old tables, or fail and restart until a person looks. */
  @Test
  void givenTheComposeFile_itStartsTheServerOnlyOnceItsSchemasAreSetUp() {
    assertThat(dependencies("temporal"))
        .containsEntry("postgresql", "service_healthy")
        .containsEntry("temporal-schema", "service_completed_successfully");
  }

  /**
   * A one-shot exits when it is done, so it is never healthy nor merely started enough: whoever
   * needs its work waits for it to have succeeded, and it is not restarted to run again.
   */
  @Test
  void givenAOneShotService_itIsWaitedOnUntilItHasSucceeded() {
    for (String oneShot : ONE_SHOTS) {
      assertThat(services.path(oneShot).has("healthcheck")).as("%s healthcheck", oneShot).isFalse();
      assertThat(services.path(oneShot).path("restart").asText("no"))
          .as("%s restart", oneShot)
          .isEqualTo("no");
      assertThat(text(services.path(oneShot).path("command")))
          .as("%s command", oneShot)
          .startsWith("set -eu");
    }
    for (String name : fieldNames(services)) {
      dependencies(name)
          .forEach(
              (dependency, condition) -> {
                if (ONE_SHOTS.contains(dependency)) {
                  assertThat(condition)
                      .as("%s waits for the one-shot %s", name, dependency)
                      .isEqualTo("service_completed_successfully");
                }
              });
    }
  }

  @Test
  void givenTheNamespaceService_itCreatesTheNamespaceTheAppsUse() {
    String command = text(services.path("temporal-namespace").path("command"));

    assertThat(environmentOf("worker-app")).containsEntry("TEMPORAL_NAMESPACE", "default");
    assertThat(environmentOf("api-app")).containsEntry("TEMPORAL_NAMESPACE", "default");
    assertThat(environmentOf("temporal-namespace"))
        .containsEntry("TEMPORAL_ADDRESS", "temporal:7233");
    assertThat(command)
        .contains("temporal operator cluster health")
        .contains("namespace describe --namespace default")
        .contains("namespace create --namespace default");
    // Only once it exists: the search attributes belong to the namespace.
    assertThat(command.indexOf("namespace create"))
        .isLessThan(command.indexOf("search-attribute create"));
  }

  @Test
  void givenTheNamespaceService_itRegistersTheSearchAttributesTheWorkflowsSet() {
    String command = text(services.path("temporal-namespace").path("command"));

    DeletionSearchAttributes.DEFINITIONS.forEach(
        (name, type) ->
            assertThat(command)
                .contains(
                    "search-attribute create --namespace default --name "
                        + name
                        + " --type "
                        + cliType(type)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"worker-app", "api-app"})
  void givenTheComposeFile_itSetsEveryVariableTheConfigReads(String app) throws IOException {
    Set<String> read = configVariables(app);
    Set<String> missing = new TreeSet<>(read);
    missing.removeAll(environmentOf(app).keySet());

    assertThat(read).as("variables in %s/config.yml", app).isNotEmpty();
    assertThat(missing)
        .as(
            "read by %s/config.yml but not set in docker-compose.yml services.%s.environment",
            app, app)
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"worker-app", "api-app"})
  void givenTheComposeFile_itSetsNoVariableTheConfigDoesNotRead(String app) throws IOException {
    Set<String> unknown = new TreeSet<>(environmentOf(app).keySet());
    unknown.removeAll(configVariables(app));
    unknown.removeAll(JVM_VARIABLES);

    assertThat(unknown)
        .as(
            "set in docker-compose.yml services.%s.environment but never read by %s/config.yml",
            app, app)
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"worker-app", "api-app"})
  void givenTheComposeFile_itMakesTheAppsListenOnEveryInterfaceOfTheirContainer(String app) {
    Map<String, String> environment = environmentOf(app);
    List<String> bindHosts =
        environment.keySet().stream().filter(k -> k.endsWith("BIND_HOST")).toList();

    assertThat(bindHosts).as("%s bind host variables", app).isNotEmpty();
    bindHosts.forEach(k -> assertThat(environment.get(k)).as("%s %s", app, k).isEqualTo("0.0.0.0"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"worker-app", "api-app"})
  void givenTheComposeFile_itHoldsNoSecret(String app) {
    environmentOf(app)
        .forEach(
            (name, value) -> {
              if (name.matches(".*(PASSWORD|SECRET|API_KEY).*") && !value.isEmpty()) {
                assertThat(value)
                    .as("%s %s must come from the environment", app, name)
                    .matches("\\$\\{[A-Z0-9_]+:\\?[^}]+\\}");
              }
            });
  }

  @Test
  void givenTheExampleEnvFile_itListsEveryVariableTheUserMustSet() throws IOException {
    Set<String> required = new TreeSet<>();
    Matcher matcher =
        COMPOSE_REQUIRED.matcher(Files.readString(ROOT.resolve("docker-compose.yml")));
    while (matcher.find()) {
      required.add(matcher.group(1));
    }
    Set<String> documented = exampleEnv().keySet();

    assertThat(required).contains("JWT_HS256_SECRET", "DATABASE_PASSWORD");
    assertThat(documented).containsAll(required);
  }

  /**
   * A copied {@code .env.example} must not start a stack with a secret everyone knows: compose's
   * {@code :?} refuses an empty value, and the API refuses the example's HS256 secret too.
   */
  @Test
  void givenTheExampleEnvFile_itHoldsNoUsableSecret() throws IOException {
    Map<String, String> example = exampleEnv();
    Matcher matcher =
        COMPOSE_REQUIRED.matcher(Files.readString(ROOT.resolve("docker-compose.yml")));
    while (matcher.find()) {
      assertThat(example.get(matcher.group(1)))
          .as(
              "%s in .env.example (compose requires it: it must stay empty until set)",
              matcher.group(1))
          .isEmpty();
    }

    SecurityFactory security = new SecurityFactory();
    security.setHs256Secret(example.get("JWT_HS256_SECRET"));
    assertThat(security.isHs256SecretLongEnough())
        .as("the api-app accepts the JWT_HS256_SECRET of .env.example")
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"worker-app", "api-app"})
  void givenTheAppImage_itRunsTheShadedJarAsAServer(String app) throws IOException {
    JsonNode build = services.path(app).path("build");
    assertThat(build.path("context").asText()).isEqualTo(".");
    assertThat(build.path("dockerfile").asText()).isEqualTo(app + "/Dockerfile");

    String dockerfile = Files.readString(ROOT.resolve(app).resolve("Dockerfile"));
    assertThat(dockerfile)
        .contains("-pl " + app + " -am package")
        .contains(app + "/target/" + app + ".jar")
        .contains("COPY " + app + "/config.yml /app/config.yml")
        .contains("\"server\", \"/app/config.yml\"")
        .containsPattern("(?m)^USER (?!root\\b|0\\b)\\S+");
  }

  @Test
  void givenTheBuildContext_itLeavesOutBuildOutputAndGitData() throws IOException {
    assertThat(Files.readAllLines(ROOT.resolve(".dockerignore")))
        .contains(".git", "target/", "**/target/");
  }

  // --- reading the compose model

  /** The variables {@code .env.example} sets (commented-out examples are not set). */
  private static Map<String, String> exampleEnv() throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
      if (line.matches("[A-Z0-9_]+=.*")) {
        values.put(
            line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1).strip());
      }
    }
    return values;
  }

  private static Set<String> configVariables(String app) throws IOException {
    Path config = ROOT.resolve(app).resolve("config.yml");
    assertThat(config).as("%s config", app).exists();
    Set<String> names = new TreeSet<>();
    for (String line : Files.readAllLines(config)) {
      // Comments may show the syntax (api-app's header mentions ${VAR:-default}); only values
      // count.
      Matcher matcher = CONFIG_PLACEHOLDER.matcher(YAML_COMMENT.matcher(line).replaceFirst(""));
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }

  /** Both compose forms: a map ({@code KEY: value}) or a list ({@code - KEY=value}). */
  private static Map<String, String> environmentOf(String service) {
    JsonNode environment = services.path(service).path("environment");
    Map<String, String> variables = new LinkedHashMap<>();
    if (environment.isObject()) {
      environment.properties().forEach(e -> variables.put(e.getKey(), e.getValue().asText()));
    } else if (environment.isArray()) {
      for (JsonNode entry : environment) {
        String[] parts = entry.asText().split("=", 2);
        variables.put(parts[0], parts.length > 1 ? parts[1] : "");
      }
    }
    return variables;
  }

  /** {@code depends_on} as a list (condition service_started) or as a map with conditions. */
  private static Map<String, String> dependencies(String service) {
    JsonNode dependsOn = services.path(service).path("depends_on");
    Map<String, String> conditions = new LinkedHashMap<>();
    if (dependsOn.isArray()) {
      dependsOn.forEach(d -> conditions.put(d.asText(), "service_started"));
    } else {
      dependsOn
          .properties()
          .forEach(
              e ->
                  conditions.put(
                      e.getKey(), e.getValue().path("condition").asText("service_started")));
    }
    return conditions;
  }

  /**
   * One published port; {@code hostIp} null for every interface of the host, {@code hostPort} 0 for
   * one Docker picks.
   */
  private record Published(String hostIp, int hostPort, int containerPort) {
    boolean onLoopback() {
      return hostIp != null
          && (hostIp.startsWith("127.") || hostIp.equals("::1") || hostIp.equals("localhost"));
    }
  }

  /**
   * The short syntax ({@code "8080"}, {@code "8233:8080"}, {@code "127.0.0.1:80:80"}, {@code
   * "[::1]:80:80"}, each with an optional {@code /protocol}) or the long one.
   */
  private static List<Published> published(String service) {
    List<Published> ports = new ArrayList<>();
    for (JsonNode port : services.path(service).path("ports")) {
      if (port.isObject()) {
        String hostIp = port.path("host_ip").asText("");
        ports.add(
            new Published(
                hostIp.isEmpty() || hostIp.equals("0.0.0.0") || hostIp.equals("::") ? null : hostIp,
                port.path("published").asInt(),
                port.path("target").asInt()));
        continue;
      }
      String spec = port.asText().replaceFirst("/\\w+$", "");
      String hostIp = null;
      if (spec.startsWith("[")) {
        hostIp = spec.substring(1, spec.indexOf(']'));
        spec = spec.substring(spec.indexOf(']') + 2);
      }
      String[] parts = spec.split(":", -1);
      if (parts.length == 3) {
        hostIp = parts[0];
      }
      if (hostIp != null && (hostIp.equals("0.0.0.0") || hostIp.equals("::"))) {
        hostIp = null;
      }
      int containerPort = Integer.parseInt(parts[parts.length - 1]);
      int hostPort = parts.length >= 2 ? Integer.parseInt(parts[parts.length - 2]) : 0;
      ports.add(new Published(hostIp, hostPort, containerPort));
    }
    return ports;
  }

  private static List<Integer> hostPorts(String service) {
    return published(service).stream().map(Published::hostPort).toList();
  }

  private static String healthcheck(String service) {
    JsonNode test = services.path(service).path("healthcheck").path("test");
    if (test.isMissingNode()) {
      fail("%s has no healthcheck", service);
    }
    return text(test);
  }

  private static String text(JsonNode node) {
    if (!node.isArray()) {
      return node.asText();
    }
    List<String> parts = new ArrayList<>();
    node.forEach(part -> parts.add(part.asText()));
    return String.join(" ", parts);
  }

  /** The repository of an image reference, without its tag or digest. */
  private static String imageOf(String service) {
    String image = services.path(service).path("image").asText();
    String tag = tagOf(image);
    String reference = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    return tag == null ? reference : reference.substring(0, reference.length() - tag.length() - 1);
  }

  /** The tag of an image reference; null without one (the registry's port is not a tag). */
  private static String tagOf(String image) {
    String reference = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int colon = reference.lastIndexOf(':');
    return colon > reference.lastIndexOf('/') ? reference.substring(colon + 1) : null;
  }

  private static String cliType(IndexedValueType type) {
    return switch (type) {
      case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
      case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
      default -> throw new IllegalArgumentException("no CLI name mapped for " + type);
    };
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    Iterator<String> iterator = node.fieldNames();
    iterator.forEachRemaining(names::add);
    return names;
  }
}
