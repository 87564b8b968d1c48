package com.veza.erasure.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The report as Temporal's data converter carries it, before and since the erasure map. */
class VerificationReportTest {

  @Test
  void givenAReportWithTheMapsCounts_whenConvertedAndBack_itKeepsThem() {
    VerificationReport report =
        new VerificationReport(
            0, 0, 0, 0L, null, 0, Map.of("users", 0L), Map.of("user:{id}:*", 0L), "ab12");

    Payload payload = DefaultDataConverter.STANDARD_INSTANCE.toPayload(report).orElseThrow();

    assertThat(
            DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                payload, VerificationReport.class, VerificationReport.class))
        .isEqualTo(report);
  }

  @Test
  void givenAReportRecordedBeforeTheMap_whenRead_itHasNoRuleCountsAndIsClean() {
    Payload old =
        DefaultDataConverter.STANDARD_INSTANCE
            .toPayload("")
            .map(
                p ->
                    p.toBuilder()
                        .setData(
                            com.google.protobuf.ByteString.copyFrom(
                                """
                                {"piiRowsLeft":0,"tracksLeft":0,"playlistsLeft":0,
                                 "cacheKeysLeft":null,"searchDocsLeft":null}"""
                                    .getBytes(StandardCharsets.UTF_8)))
                        .build())
            .orElseThrow();

    VerificationReport report =
        DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
            old, VerificationReport.class, VerificationReport.class);

    assertThat(report).isEqualTo(new VerificationReport(0, 0, 0, null, null, 0));
    assertThat(report.rowsLeft()).isNull();
    assertThat(report.clean()).isTrue();
    assertThat(Optional.ofNullable(report.erasureMapSha256())).isEmpty();
  }

  @Test
  void givenARuleWithRowsLeft_whenChecked_itIsNotClean() {
    assertThat(
            new VerificationReport(0, 0, 0, null, null, 0, Map.of("comments", 2L), null, "ab12")
                .clean())
        .isFalse();
    assertThat(
            new VerificationReport(0, 0, 0, 1L, null, 0, null, Map.of("user:{id}:*", 1L), "ab12")
                .clean())
        .isFalse();
  }
}
