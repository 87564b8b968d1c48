package com.veza.erasure.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's modules as the parent POM lists them, for tests that read every module. */
final class ModuleSources {

  /** Surefire runs a module's tests in its own directory; the parent POM is one level up. */
  static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private ModuleSources() {}

  static List<String> modules() throws IOException {
    Matcher m =
        Pattern.compile("<module>([^<]+)</module>")
            .matcher(Files.readString(REPO.resolve("pom.xml")));
    List<String> modules = new ArrayList<>();
    while (m.find()) {
      modules.add(m.group(1));
    }
    return modules;
  }
}
