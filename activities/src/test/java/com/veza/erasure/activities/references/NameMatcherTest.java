package com.veza.erasure.activities.references;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole-word, case-insensitive, literal: the one definition both stores use. */
class NameMatcherTest {

  private static NameMatcher of(String... names) {
    return NameMatcher.of(Arrays.asList(names), 3);
  }

  @Test
  void givenAName_itMatchesWholeWordsInAnyCaseOnly() {
    NameMatcher ada = of("Ada");

    assertThat(List.of("Ada", "ADA", "feat. ada", "Ada's band", "Ada-Lovelace", "(Ada)", "Ádá Ada"))
        .allMatch(ada::matches);
    assertThat(List.of("Adam", "Adamant", "ada_l", "Nevada", "Ada2", "")).noneMatch(ada::matches);
    assertThat(ada.matches(null)).isFalse();
  }

  @Test
  void givenANameWithPatternCharacters_itMatchesThemLiterally() {
    NameMatcher odd = of("(.*) A+");

    assertThat(odd.matches("Remix by (.*) a+")).isTrue();
    assertThat(odd.matches("Remix by (x) aa")).isFalse();
    assertThat(odd.matches("anything")).isFalse();
    assertThat(odd.likePatterns()).containsExactly("%(.*)%A+%");
    assertThat(of("50%_off\\").likePatterns()).containsExactly("%50\\%\\_off\\\\%");
  }

  @Test
  void givenShortBlankOrRepeatedNames_itKeepsEachUsableNameOnce() {
    NameMatcher matcher =
        NameMatcher.of(Arrays.asList("al", "  ", null, "Ada", "ADA", " Ada  Lovelace "), 3);

    assertThat(matcher.names()).containsExactly("Ada Lovelace", "Ada");
    assertThat(NameMatcher.of(Arrays.asList("Jo", null), 3).isEmpty()).isTrue();
  }

  @Test
  void givenSeveralNames_whenReplacing_itReplacesTheLongestWholeAndKeepsTheRest() {
    NameMatcher matcher = of("Ada", "Ada Lovelace");

    assertThat(matcher.replaceAll("Ada  Lovelace & Adam, with ada", "Anonymous artist"))
        .isEqualTo("Anonymous artist & Adam, with Anonymous artist");
    assertThat(matcher.replaceAll("$1 Ada", "x$1")).isEqualTo("$1 x$1");
  }
}
