package com.veza.erasure.activities.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Reads back an export ZIP: every JSON file parsed, README as text. Small exports only. */
final class ExportZips {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Map<String, JsonNode> read(InputStream in, StringBuilder readme) throws IOException {
    Map<String, JsonNode> files = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        byte[] bytes = zip.readAllBytes();
        if (e.getName().endsWith(".json")) {
          files.put(e.getName(), JSON.readTree(bytes));
        } else {
          readme.append(new String(bytes, StandardCharsets.UTF_8));
          files.put(e.getName(), null);
        }
      }
    }
    return files;
  }

  private ExportZips() {}
}
