package com.veza.erasure.common;

import static com.veza.erasure.common.ModuleSources.REPO;
import static com.veza.erasure.common.ModuleSources.modules;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each module owns its package roots (docs/design.md, "Modules"): a package split across jars lets
 * one module's class shadow another's on a shared classpath, and makes package-private visible
 * across modules. Reads the source trees of every module the parent POM lists.
 */
class ModulePackagesTest {

  /** The package roots each module may use; the contracts keep the unqualified ones. */
  private static final Map<String, List<String>> ROOTS =
      Map.of(
          "workflows",
          List.of(
              "com.veza.erasure.deletion", "com.veza.erasure.export", "com.veza.erasure.common"),
          "test-support",
          List.of("com.veza.erasure.testing"),
          "activities",
          List.of("com.veza.erasure.activities"),
          "worker-app",
          List.of("com.veza.erasure.worker"),
          "api-app",
          List.of("com.veza.erasure.api"),
          "local-run",
          List.of("com.veza.erasure.local"),
          "bench",
          List.of("com.veza.erasure.bench"));

  @Test
  void givenTheSourceTrees_whenPackagesAreListed_itFindsNoPackageInTwoModules() throws IOException {
    Map<String, Set<String>> modulesByPackage = new TreeMap<>();
    for (String module : modules()) {
      for (String pkg : packagesOf(module)) {
        modulesByPackage.computeIfAbsent(pkg, p -> new TreeSet<>()).add(module);
      }
    }
    assertThat(modulesByPackage).isNotEmpty();
    assertThat(modulesByPackage)
        .allSatisfy((pkg, modules) -> assertThat(modules).as(pkg).hasSize(1));
  }

  @Test
  void givenEachModule_whenPackagesAreListed_itFindsEachUnderTheModulesRoot() throws IOException {
    assertThat(modules()).containsExactlyInAnyOrderElementsOf(ROOTS.keySet());
    for (String module : modules()) {
      assertThat(packagesOf(module))
          .as(module)
          .isNotEmpty()
          .allSatisfy(
              pkg ->
                  assertThat(ROOTS.get(module))
                      .as("%s in %s", pkg, module)
                      .anyMatch(root -> pkg.equals(root) || pkg.startsWith(root + ".")));
    }
  }

  /** Packages that hold at least one Java file, in main and test sources. */
  private static Set<String> packagesOf(String module) throws IOException {
    Set<String> packages = new TreeSet<>();
    for (String tree : List.of("src/main/java", "src/test/java")) {
      Path root = REPO.resolve(module).resolve(tree);
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        packages.addAll(
            files
                .filter(f -> f.toString().endsWith(".java"))
                .map(f -> root.relativize(f.getParent()).toString().replace('/', '.'))
                .collect(Collectors.toSet()));
      }
    }
    return packages;
  }
}
