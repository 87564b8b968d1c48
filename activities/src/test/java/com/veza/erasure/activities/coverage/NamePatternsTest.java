package com.veza.erasure.activities.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamePatternsTest {
  private final NamePatterns defaults = new NamePatterns(NamePatterns.DEFAULTS);

  @Test
  void givenTheDefaults_itMatchesWholeNamesOnlyWithTheFirstMatchingGlob() {
    assertThat(defaults.match("user_id")).contains("user_id");
    assertThat(defaults.match("reviewer_user_id")).contains("*_user_id");
    assertThat(defaults.match("Owner_Id")).contains("owner_id");
    assertThat(defaults.match("user_ids")).isEmpty();
    assertThat(defaults.match("email_verified")).isEmpty();
    assertThat(defaults.match("track_id")).isEmpty();
  }

  @Test
  void givenGlobCharactersOfRegexes_itTreatsThemAsLiterals() {
    NamePatterns patterns = new NamePatterns(List.of("a.b", "*$*"));

    assertThat(patterns.match("a.b")).contains("a.b");
    assertThat(patterns.match("axb")).isEmpty();
    assertThat(patterns.match("x$y")).contains("*$*");
  }

  @Test
  void givenABlankPattern_itIsRejected() {
    assertThatThrownBy(() -> new NamePatterns(List.of(" ")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
