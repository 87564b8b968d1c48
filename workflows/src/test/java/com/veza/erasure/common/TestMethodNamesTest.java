package com.veza.erasure.common;

import static com.veza.erasure.common.ModuleSources.REPO;
import static com.veza.erasure.common.ModuleSources.modules;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every test method of every module is named {@code given<Context>_when<Action>_it<Outcome>}, the
 * given or the when part left out when it adds nothing but never both (STYLE.md): a failure then
 * reads as the behaviour that broke. Reads the test sources of every module the parent POM lists;
 * their classes are not on this module's classpath.
 */
class TestMethodNamesTest {

  private static final Pattern CONVENTION =
      Pattern.compile("(given[A-Z][A-Za-z0-9]*_)?(when[A-Z][A-Za-z0-9]*_)?it[A-Z][A-Za-z0-9]*");

  /** JUnit's annotations that make a method a test, at the start of a line (not in comments). */
  private static final Pattern TEST_ANNOTATION =
      Pattern.compile(
          "(?m)^[ \\t]*@(?:org\\.junit\\.jupiter\\.(?:api|params)\\.)?"
              + "(?:Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b");

  private static final Pattern LAST_IDENTIFIER = Pattern.compile("(\\w+)\\s*$");

  @Test
  void givenEveryModulesTestSources_whenTestMethodsAreListed_itFindsEachNamedByTheConvention()
      throws IOException {
    List<String> offenders = new ArrayList<>();
    int tests = 0;
    for (String module : modules()) {
      Path root = REPO.resolve(module).resolve("src/test/java");
      if (!Files.isDirectory(root)) {
        continue;
      }
      List<Path> sources;
      try (Stream<Path> files = Files.walk(root)) {
        sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
      }
      for (Path source : sources) {
        for (String name : testMethods(Files.readString(source))) {
          tests++;
          if (!followsConvention(name)) {
            offenders.add(REPO.relativize(source) + ": " + name);
          }
        }
      }
    }
    assertThat(tests).as("test methods found").isGreaterThan(100);
    assertThat(offenders)
        .as("test methods not named given<Context>_when<Action>_it<Outcome>")
        .isEmpty();
  }

  @Test
  void givenNames_whenChecked_itAcceptsGivenOrWhenOrBothBeforeTheOutcomeOnly() {
    assertThat(followsConvention("givenPendingDeletion_whenRecovered_itRestoresTheAccount"))
        .isTrue();
    assertThat(followsConvention("givenNoToken_itAnswers401")).isTrue();
    assertThat(followsConvention("whenStalled_itHoldsBytesUntilRestored")).isTrue();

    assertThat(followsConvention("itAnswers401")).as("neither given nor when").isFalse();
    assertThat(followsConvention("missingToken_is401")).isFalse();
    assertThat(followsConvention("theListIsTheUsersOwnExportsNewestFirst")).isFalse();
    assertThat(followsConvention("whenRecovered_givenPendingDeletion_itRestores")).isFalse();
    assertThat(followsConvention("givenWindowPasses_keepingTracks_itErases")).isFalse();
    assertThat(followsConvention("givenA_itB_andC")).isFalse();
    assertThat(followsConvention("given_whenB_itC")).isFalse();
  }

  @Test
  // In a text block, these lines would start with @Test and the scan would take them for tests.
  @SuppressWarnings("StringConcatToTextBlock")
  void givenASourceFile_whenTestMethodsAreListed_itFindsTheAnnotatedMethodsOnly() {
    String source =
        "class SomeTest {\n"
            + "  @Test\n"
            + "  void givenA_itB() {}\n"
            + "\n"
            + "  /** Not a test: {@code @Test} in a comment. */\n"
            + "  void helper(String s) {}\n"
            + "\n"
            + "  @ParameterizedTest(name = \"{0} (case)\")\n"
            + "  @MethodSource(\"cases\")\n"
            + "  // a comment (with parentheses)\n"
            + "  void\n"
            + "      whenC_itD(String c) throws Exception {}\n"
            + "\n"
            + "  @org.junit.jupiter.api.RepeatedTest(3)\n"
            + "  public void bad_name() {}\n"
            + "\n"
            + "  @TestFactory\n"
            + "  Stream<DynamicTest> givenE_itF() { return null; }\n"
            + "}\n";

    assertThat(testMethods(source))
        .containsExactly("givenA_itB", "whenC_itD", "bad_name", "givenE_itF");
  }

  static boolean followsConvention(String name) {
    return CONVENTION.matcher(name).matches()
        && (name.startsWith("given") || name.startsWith("when"));
  }

  /** The names of the methods carrying a JUnit test annotation, in source order. */
  static List<String> testMethods(String source) {
    List<String> names = new ArrayList<>();
    Matcher annotation = TEST_ANNOTATION.matcher(source);
    while (annotation.find()) {
      names.add(methodAfter(source, annotation.end()));
    }
    return names;
  }

  /** Skips the annotation's arguments, the annotations and comments after it, up to the name. */
  private static String methodAfter(String source, int at) {
    int i = skipArguments(source, at);
    while (true) {
      i = skipSpaceAndComments(source, i);
      if (source.charAt(i) != '@') {
        break;
      }
      i++;
      while (Character.isJavaIdentifierPart(source.charAt(i)) || source.charAt(i) == '.') {
        i++;
      }
      i = skipArguments(source, i);
    }
    int open = source.indexOf('(', i);
    Matcher name = LAST_IDENTIFIER.matcher(source.substring(i, open));
    if (!name.find()) {
      throw new IllegalStateException("no method name after offset " + at);
    }
    return name.group(1);
  }

  private static int skipSpaceAndComments(String source, int from) {
    int i = from;
    while (true) {
      while (Character.isWhitespace(source.charAt(i))) {
        i++;
      }
      if (source.startsWith("//", i)) {
        i = source.indexOf('\n', i);
      } else if (source.startsWith("/*", i)) {
        i = source.indexOf("*/", i) + 2;
      } else {
        return i;
      }
    }
  }

  /** Past a parenthesised argument list at {@code from} (after blanks), if there is one. */
  private static int skipArguments(String source, int from) {
    int i = from;
    while (Character.isWhitespace(source.charAt(i))) {
      i++;
    }
    if (source.charAt(i) != '(') {
      return from;
    }
    int depth = 0;
    boolean inString = false;
    for (; ; i++) {
      char c = source.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i + 1;
      }
    }
  }
}
