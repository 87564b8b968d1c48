package com.veza.erasure.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.veza.erasure.api.backfill.AdminBackfillResource;
import com.veza.erasure.api.deletion.AdminDeletionResource;
import com.veza.erasure.api.deletion.MeDeletionResource;
import com.veza.erasure.api.export.MeExportResource;
import com.veza.erasure.api.http.OpenApiResource;
import com.veza.erasure.deletion.DeletionPhase;
import com.veza.erasure.deletion.DeletionStep;
import com.veza.erasure.deletion.StepState;
import com.veza.erasure.export.ExportState;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The OpenAPI description is served, and names every resource method the app has. */
class OpenApiTest {

  private static final List<Class<?>> RESOURCES =
      List.of(
          MeDeletionResource.class,
          AdminDeletionResource.class,
          AdminBackfillResource.class,
          MeExportResource.class,
          OpenApiResource.class);

  @RegisterExtension static final ApiHarness api = new ApiHarness();

  @Test
  void givenNoToken_whenFetchingTheOpenApiDescription_itIsServed() throws Exception {
    ApiHarness.Reply reply = api.get("/v1/openapi.yaml", null);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.raw().headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
    JsonNode document = new YAMLMapper().readTree(reply.raw().body());
    assertThat(document.get("openapi").asText()).startsWith("3.");
  }

  @Test
  void givenTheResourceClasses_itDescribesEveryResourceMethod() throws Exception {
    JsonNode paths;
    try (var in = OpenApiResource.class.getResourceAsStream(OpenApiResource.RESOURCE)) {
      paths = new YAMLMapper().readTree(in).get("paths");
    }
    List<String> missing = new ArrayList<>();
    for (String endpoint : endpoints()) {
      String[] parts = endpoint.split(" ", 2);
      JsonNode path = paths.get(parts[1]);
      if (path == null || path.get(parts[0].toLowerCase(Locale.ROOT)) == null) {
        missing.add(endpoint);
      }
    }
    assertThat(endpoints()).hasSizeGreaterThanOrEqualTo(8);
    assertThat(missing).as("endpoints missing from openapi.yaml").isEmpty();
  }

  /** A client generated from the file must accept every value the workflows report. */
  @Test
  void givenTheSchemaEnums_itListsEveryValueOfTheJavaEnums() throws Exception {
    JsonNode schemas;
    try (var in = OpenApiResource.class.getResourceAsStream(OpenApiResource.RESOURCE)) {
      schemas = new YAMLMapper().readTree(in).get("components").get("schemas");
    }
    assertThat(enumValues(schemas.get("Phase"))).isEqualTo(names(DeletionPhase.values()));
    assertThat(enumValues(schemas.get("Step"))).isEqualTo(names(DeletionStep.values()));
    assertThat(enumValues(schemas.get("StepOutcome").get("properties").get("state")))
        .isEqualTo(names(StepState.values()));
    assertThat(enumValues(schemas.get("ExportState"))).isEqualTo(names(ExportState.values()));
  }

  private static Set<String> enumValues(JsonNode schema) {
    Set<String> values = new TreeSet<>();
    schema.get("enum").forEach(v -> values.add(v.asText()));
    return values;
  }

  private static Set<String> names(Enum<?>[] constants) {
    Set<String> names = new TreeSet<>();
    for (Enum<?> constant : constants) {
      names.add(constant.name());
    }
    return names;
  }

  @Test
  void whenCheckingHealth_itSeesTemporalAndPostgres() throws Exception {
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + api.adminPort() + "/healthcheck"))
            .build();
    var response = api.http().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    JsonNode checks = api.json.readTree(response.body());
    assertThat(checks.get("temporal").get("healthy").asBoolean()).as(response.body()).isTrue();
    assertThat(checks.get("postgresql").get("healthy").asBoolean()).as(response.body()).isTrue();
    assertThat(response.statusCode()).isEqualTo(200);
  }

  /** "POST /v1/me/deletion", ... from the JAX-RS annotations. */
  static List<String> endpoints() {
    List<String> endpoints = new ArrayList<>();
    for (Class<?> resource : RESOURCES) {
      String base = resource.getAnnotation(Path.class).value();
      for (Method method : resource.getDeclaredMethods()) {
        String verb = httpMethod(method);
        if (verb == null) {
          continue;
        }
        Path sub = method.getAnnotation(Path.class);
        String path = sub == null ? base : join(base, sub.value());
        endpoints.add(verb + " " + path);
      }
    }
    return endpoints;
  }

  private static String join(String base, String sub) {
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
        + (sub.startsWith("/") ? sub : "/" + sub);
  }

  private static String httpMethod(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) {
        return verb.value();
      }
    }
    return null;
  }
}
