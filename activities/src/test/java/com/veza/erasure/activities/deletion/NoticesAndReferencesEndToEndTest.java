package com.veza.erasure.activities.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.veza.erasure.activities.export.MailSettings;
import com.veza.erasure.activities.notify.NotificationSettings;
import com.veza.erasure.activities.references.ReferenceSettings;
import com.veza.erasure.deletion.AccountDeletionWorkflow;
import com.veza.erasure.deletion.DeletionPhase;
import com.veza.erasure.deletion.DeletionReceipt;
import com.veza.erasure.deletion.DeletionRequest;
import com.veza.erasure.deletion.DeletionStep;
import com.veza.erasure.deletion.StepOutcome;
import com.veza.erasure.deletion.StepState;
import com.veza.erasure.testing.FreePorts;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * THIRD_PARTY_REFERENCES and the NOTIFY_ steps end to end: real PostgreSQL, Elasticsearch, SMTP
 * (GreenMail) and Temporal's test server. The user is "zelda", shown as "Zelda Quixote"; neither
 * name nor address may reach the workflow history, the ledger or the receipt.
 */
class NoticesAndReferencesEndToEndTest {
  private static final String RECOVER_URL = "https://veza.example/settings/account";
  private static final DateTimeFormatter DEADLINE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final Pattern PAYLOAD_DATA = Pattern.compile("\"data\"\\s*:\\s*\"([^\"]*)\"");

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private DeletionWorld world;
  private UUID victim;
  private UUID otherTrack;
  private UUID lookalikeTrack;

  @BeforeEach
  void setUp() throws Exception {
    world = new DeletionWorld(Duration.ofMinutes(10));
    victim = UUID.randomUUID();
    world.seed(victim, "zelda");
    world.jdbi.useHandle(
        h -> h.execute("UPDATE users SET display_name = 'Zelda Quixote' WHERE id = ?", victim));
    UUID other = UUID.randomUUID();
    world.rows.user(other, "bob");
    otherTrack = world.rows.track(other, true, "Zelda Quixote & the Band");
    lookalikeTrack = world.rows.track(other, true, "Zeldaman");
    world.search.index(
        world.search.settings.tracksIndex(),
        Map.of(
            otherTrack.toString(),
            Map.of("artist", "Zelda Quixote & the Band", "creator_id", other.toString()),
            lookalikeTrack.toString(),
            Map.of("artist", "Zeldaman", "creator_id", other.toString())));
  }

  @AfterEach
  void tearDown() throws Exception {
    world.close();
  }

  @Test
  void
      givenNoticesAndScrubOn_whenTheWindowPasses_itEmailsBothNoticesScrubsAndKeepsNamesOutOfHistory()
          throws Exception {
    world.references = ReferenceSettings.COUNT_ONLY.withScrub(true);
    world.notifications = notifications(greenMail.getSmtp().getPort());
    world.startWorker(true);
    DeletionRequest request = world.request(victim, false);
    world.starter.start(request);
    world.temporal.sleep(Duration.ofDays(31));
    DeletionReceipt receipt = world.result(victim);

    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.steps().get(DeletionStep.THIRD_PARTY_REFERENCES).counts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "third_party_references", 1L,
                "third_party_references_search", 1L,
                "third_party_references_scrubbed", 1L,
                "third_party_references_search_scrubbed", 1L));
    assertThat(artist(otherTrack)).isEqualTo("Anonymous artist & the Band");
    assertThat(artist(lookalikeTrack)).isEqualTo("Zeldaman");
    assertThat(world.search.source(world.search.settings.tracksIndex(), otherTrack.toString()))
        .containsEntry("artist", "Anonymous artist & the Band");

    assertThat(greenMail.waitForIncomingEmail(10_000, 2)).isTrue();
    MimeMessage[] mails = greenMail.getReceivedMessages();
    assertThat(mails).hasSize(2);
    assertThat(mails)
        .allSatisfy(m -> assertThat(m.getAllRecipients()[0]).hasToString("zelda@example.com"));
    assertThat(GreenMailUtil.getBody(mails[0]))
        .contains(DEADLINE.format(request.scheduledFor()), RECOVER_URL);
    assertThat(GreenMailUtil.getBody(mails[1])).contains("number " + ledgerId());
    assertThat(receipt.steps().get(DeletionStep.NOTIFY_SCHEDULED).counts())
        .containsEntry("sent", 1L);
    assertThat(receipt.steps().get(DeletionStep.NOTIFY_COMPLETED).counts())
        .containsEntry("sent", 1L)
        .containsEntry("outbox_rows_left", 0L);
    assertThat(world.rows.count("SELECT count(*) FROM deletion_notice_outbox")).isZero();
    assertThat(world.rows.count("SELECT count(*) FROM deletion_third_party_references")).isZero();

    assertNoNameOrAddressIn(historyText());
    assertNoNameOrAddressIn(
        world.jdbi.withHandle(
            h ->
                h.createQuery("SELECT receipt::text FROM deletion_requests WHERE user_id = :u")
                    .bind("u", victim)
                    .mapTo(String.class)
                    .one()));
  }

  @Test
  void givenTheRelayDown_whenTheWindowPasses_itCompletesRecordsTheFailedNoticesAndKeepsNoAddress()
      throws Exception {
    world.notifications = notifications(FreePorts.next());
    world.startWorker(true);
    world.starter.start(world.request(victim, false));
    world.temporal.sleep(Duration.ofDays(31));
    DeletionReceipt receipt = world.result(victim);

    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.COMPLETED);
    assertThat(receipt.verification().clean()).isTrue();
    for (DeletionStep notice :
        List.of(DeletionStep.NOTIFY_SCHEDULED, DeletionStep.NOTIFY_COMPLETED)) {
      StepOutcome outcome = receipt.steps().get(notice);
      assertThat(outcome.state()).as("%s", notice).isEqualTo(StepState.FAILED);
      assertThat(outcome.error()).as("%s", notice).isEqualTo("SMTP_UNAVAILABLE");
    }
    assertThat(receipt.steps().get(DeletionStep.NOTIFY_COMPLETED).counts())
        .containsEntry("outbox_rows_left", 0L);
    assertThat(world.rows.count("SELECT count(*) FROM deletion_notice_outbox")).isZero();
    assertThat(
            world.rows.count(
                "SELECT count(*) FROM deletion_requests WHERE user_id = ? AND phase = 'COMPLETED'",
                victim))
        .isEqualTo(1);
    assertNoNameOrAddressIn(historyText());
  }

  @Test
  void givenAPendingDeletion_whenRecovered_itEmailsScheduledThenRecovered() throws Exception {
    world.notifications = notifications(greenMail.getSmtp().getPort());
    world.startWorker(true);
    world.starter.start(world.request(victim, false));
    world.temporal.sleep(Duration.ofDays(3));

    world.starter.existing(victim.toString()).recover();
    DeletionReceipt receipt = world.result(victim);

    assertThat(receipt.outcome()).isEqualTo(DeletionPhase.RECOVERED);
    assertThat(greenMail.waitForIncomingEmail(10_000, 2)).isTrue();
    assertThat(greenMail.getReceivedMessages())
        .extracting(MimeMessage::getSubject)
        .containsExactly(
            "Your Veza account is scheduled for deletion", "Your Veza account was recovered");
    assertThat(receipt.steps().get(DeletionStep.NOTIFY_RECOVERED).state())
        .isEqualTo(StepState.SUCCEEDED);
    assertNoNameOrAddressIn(historyText());
  }

  private NotificationSettings notifications(int port) {
    return new NotificationSettings(
        true,
        new MailSettings(
            true, "127.0.0.1", port, "no-reply@veza.example", null, null, "http://127.0.0.1"),
        RECOVER_URL);
  }

  private String artist(UUID track) {
    return world.jdbi.withHandle(
        h ->
            h.createQuery("SELECT artist FROM tracks WHERE id = :id")
                .bind("id", track)
                .mapTo(String.class)
                .one());
  }

  private long ledgerId() {
    return world.rows.count("SELECT id FROM deletion_requests WHERE user_id = ?", victim);
  }

  /** The history as JSON, with every payload (base64 in the JSON) decoded beside it. */
  private String historyText() {
    String json =
        world
            .temporal
            .client()
            .fetchHistory(AccountDeletionWorkflow.workflowId(victim.toString()))
            .toJson(false);
    StringBuilder text = new StringBuilder(json);
    Matcher data = PAYLOAD_DATA.matcher(json);
    while (data.find()) {
      try {
        text.append('\n')
            .append(new String(Base64.getDecoder().decode(data.group(1)), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException notBase64) {
        // Left as it is in the JSON, which is searched too.
      }
    }
    assertThat(text).contains(victim.toString());
    return text.toString();
  }

  private static void assertNoNameOrAddressIn(String text) {
    assertThat(text.toLowerCase(java.util.Locale.ROOT))
        .doesNotContain("zelda", "quixote", "example.com");
  }
}
