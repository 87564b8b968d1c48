package com.veza.erasure.worker;

import io.dropwizard.core.setup.Environment;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One Prometheus registry for the whole process, served as text on the admin port at {@value
 * #PATH}: the Temporal SDK's metrics ({@code temporal_*}), ours ({@code veza_*}), and Dropwizard's
 * own (Jetty, JVM, connection pool) bridged from its MetricRegistry.
 */
public final class PrometheusMetrics {

  public static final String PATH = "/prometheus";

  /**
   * Prometheus text exposition format 0.0.4, what {@link PrometheusMeterRegistry#scrape()} writes.
   */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private PrometheusMetrics() {}

  public static PrometheusMeterRegistry register(Environment environment) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    DropwizardExports.builder()
        .dropwizardRegistry(environment.metrics())
        .register(registry.getPrometheusRegistry());
    environment.admin().addServlet("prometheus", new ScrapeServlet(registry)).addMapping(PATH);
    environment
        .lifecycle()
        .manage(
            new io.dropwizard.lifecycle.Managed() {
              @Override
              public void stop() {
                registry.close();
              }
            });
    return registry;
  }

  private static final class ScrapeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient PrometheusMeterRegistry registry;

    ScrapeServlet(PrometheusMeterRegistry registry) {
      this.registry = registry;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      response.setStatus(HttpServletResponse.SC_OK);
      response.setContentType(CONTENT_TYPE);
      // Never cached: every scrape must see current values.
      response.setHeader("Cache-Control", "no-store");
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    }
  }
}
