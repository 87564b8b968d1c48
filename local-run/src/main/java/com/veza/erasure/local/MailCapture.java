package com.veza.erasure.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMTP server that accepts every message and writes each one to {@code <dir>/NNN.eml}, so the
 * worker's emails can be opened with any mail client or a text editor; nothing is relayed.
 */
final class MailCapture implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MailCapture.class);

  private final GreenMail greenMail;
  private final Path dir;
  private final ScheduledExecutorService writer;
  private int written;

  private MailCapture(GreenMail greenMail, Path dir) {
    this.greenMail = greenMail;
    this.dir = dir;
    this.writer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mail-capture");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts SMTP on a free port of 127.0.0.1; messages land in {@code dir}. */
  static MailCapture start(Path dir) throws IOException {
    Files.createDirectories(dir);
    GreenMail greenMail =
        new GreenMail(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    greenMail.start();
    MailCapture capture = new MailCapture(greenMail, dir);
    // GreenMail has no delivery callback; a short poll is enough for a human reading mails.
    // writeNew never throws, so the schedule's future has nothing to report.
    var unused =
        capture.writer.scheduleWithFixedDelay(capture::writeNew, 200, 200, TimeUnit.MILLISECONDS);
    log.info("mail capture: SMTP on 127.0.0.1:{}, messages written to {}", capture.port(), dir);
    return capture;
  }

  int port() {
    return greenMail.getSmtp().getPort();
  }

  Path dir() {
    return dir;
  }

  private synchronized void writeNew() {
    MimeMessage[] received = greenMail.getReceivedMessages();
    for (; written < received.length; written++) {
      Path file = dir.resolve(String.format("%03d.eml", written + 1));
      try (OutputStream out = Files.newOutputStream(file)) {
        received[written].writeTo(out);
      } catch (IOException | MessagingException | RuntimeException e) {
        log.warn("could not write captured mail {}", file, e);
      }
    }
  }

  @Override
  public void close() {
    writer.shutdownNow();
    writeNew();
    greenMail.stop();
  }
}
