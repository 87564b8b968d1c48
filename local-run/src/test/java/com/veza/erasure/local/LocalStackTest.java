package com.veza.erasure.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack behind ./run-local with every store it can start, on free ports. */
class LocalStackTest {

  @TempDir Path dir;

  @Test
  void givenNothingInstalled_whenTheStackStarts_itRunsEveryStoreSeedsThemAndStopsThem()
      throws Exception {
    Path mailDir = dir.resolve("mail");
    LocalStack.Options options =
        new LocalStack.Options(
            freePort(), freePort(), null, null, null, true, null, true, null, mailDir);
    String redisUri;
    int smtpPort;
    try (LocalStack stack = LocalStack.start(options)) {
      Map<String, String> env = stack.env();
      assertThat(env)
          .containsEntry("REDIS_ENABLED", "true")
          .containsEntry("ELASTICSEARCH_ENABLED", "true")
          .containsEntry("MAIL_ENABLED", "true")
          .containsEntry("SMTP_HOST", "127.0.0.1")
          .containsEntry("DEMO_USER_COUNT", Integer.toString(stack.users().size()));
      for (int i = 1; i <= stack.users().size(); i++) {
        assertThat(env.get("DEMO_USER_" + i + "_TOKEN")).isNotBlank();
      }
      redisUri = env.get("REDIS_URI");
      smtpPort = Integer.parseInt(env.get("SMTP_PORT"));
      String user = stack.users().get(0).id().toString();

      RedisClient redis = RedisClient.create(redisUri);
      try (StatefulRedisConnection<String, String> c = redis.connect()) {
        assertThat(c.sync().keys("user:" + user + ":*")).hasSize(4);
      } finally {
        redis.shutdown();
      }

      HttpResponse<String> doc =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(env.get("ELASTICSEARCH_URL") + "/users/_doc/" + user))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(doc.statusCode()).isEqualTo(200);
      assertThat(doc.body()).contains("\"found\":true");

      sendMail(smtpPort, "Your export is ready");
      Path eml = mailDir.resolve("001.eml");
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!Files.exists(eml) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(Files.readString(eml, StandardCharsets.UTF_8)).contains("Your export is ready");
    }
    assertThat(listening(URI.create(redisUri).getPort())).as("Redis stopped").isFalse();
    assertThat(listening(smtpPort)).as("SMTP capture stopped").isFalse();
  }

  private static void sendMail(int port, String subject) throws Exception {
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", Integer.toString(port));
    MimeMessage message = new MimeMessage(Session.getInstance(props));
    message.setFrom(new InternetAddress("no-reply@veza.example"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress("ada@example.com"));
    message.setSubject(subject);
    message.setText("demo");
    Transport.send(message);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
