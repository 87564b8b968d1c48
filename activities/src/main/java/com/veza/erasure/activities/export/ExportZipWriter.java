package com.veza.erasure.activities.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Streams one user's rows into a ZIP of JSON arrays, one row at a time: the PostgreSQL driver reads
 * through a cursor ({@code fetchSize} inside a transaction) and Jackson writes each row as it
 * comes, so memory does not grow with the history's length.
 */
public final class ExportZipWriter {

  static final int FETCH_SIZE = 1000;
  static final long PROGRESS_EVERY = 10_000;

  /**
   * File name, then the query; every query binds {@code :userId} and selects only that user's rows.
   */
  static final Map<String, String> FILES = files();

  private static Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    // password_hash is a credential, not personal data the user gave us: never exported.
    files.put(
        "profile.json",
        """
        SELECT u.id, u.email, u.username, u.display_name, u.created_at, u.deleted_at,
               u.deletion_scheduled_for, p.bio, p.avatar_url, p.location, p.birthdate, p.phone,
               p.website, p.updated_at AS profile_updated_at
          FROM users u LEFT JOIN user_profiles p ON p.user_id = u.id
         WHERE u.id = :userId
        """);
    files.put(
        "tracks.json",
        """
        SELECT id, title, artist, is_public, created_at, deleted_at
          FROM tracks WHERE creator_id = :userId ORDER BY created_at, id
        """);
    files.put(
        "playlists.json",
        """
        SELECT p.id, p.title, p.is_public, p.created_at, p.deleted_at,
               COALESCE(array_agg(pt.track_id ORDER BY pt.position)
                        FILTER (WHERE pt.track_id IS NOT NULL), '{}') AS track_ids
          FROM playlists p LEFT JOIN playlist_tracks pt ON pt.playlist_id = p.id
         WHERE p.user_id = :userId
         GROUP BY p.id ORDER BY p.created_at, p.id
        """);
    files.put(
        "messages.json",
        """
        SELECT id, CASE WHEN sender_id = :userId THEN 'sent' ELSE 'received' END AS direction,
               sender_id, recipient_id, body, sent_at
          FROM messages WHERE sender_id = :userId OR recipient_id = :userId ORDER BY sent_at, id
        """);
    files.put(
        "playback_history.json",
        """
        SELECT id, track_id, played_at, ms_played
          FROM playback_history WHERE user_id = :userId ORDER BY id
        """);
    return java.util.Collections.unmodifiableMap(files);
  }

  static final String README =
      """
      Your Veza data export
      =====================

      Each .json file is a JSON array, one object per row, with times in ISO-8601 (UTC offset).

      profile.json           your account and profile (email, username, display name, bio, avatar,
                             location, birthdate, phone, website); your password is never exported
      tracks.json            the tracks you uploaded, public or private, including deleted ones
      playlists.json         your playlists, each with the ids of its tracks in playlist order
      messages.json          the messages you sent and received ("direction": sent or received)
      playback_history.json  every play: which track, when, and for how many milliseconds

      Ids are UUIDs; a track id in playlists.json or playback_history.json that is missing from
      tracks.json belongs to another user's track.
      """;

  private final Jdbi jdbi;
  private final JsonFactory json = JsonFactory.builder().build();

  public ExportZipWriter(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Writes the ZIP to {@code out} (left open) and returns the rows written per file.
   *
   * @param progress called with the total rows written so far every {@link #PROGRESS_EVERY} rows
   */
  public Map<String, Long> write(UUID userId, OutputStream out, LongConsumer progress)
      throws IOException {
    Map<String, Long> counts = new LinkedHashMap<>();
    ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    long[] total = {0};
    // One read-only snapshot: playlists never point at tracks that appeared after tracks.json.
    jdbi.useTransaction(
        TransactionIsolationLevel.REPEATABLE_READ,
        handle -> {
          for (Map.Entry<String, String> file : FILES.entrySet()) {
            zip.putNextEntry(new ZipEntry(file.getKey()));
            counts.put(
                file.getKey(), writeArray(handle, file.getValue(), userId, zip, total, progress));
            zip.closeEntry();
          }
        });
    zip.putNextEntry(new ZipEntry("README.txt"));
    zip.write(README.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
    zip.finish();
    return counts;
  }

  private long writeArray(
      Handle handle, String sql, UUID userId, OutputStream zip, long[] total, LongConsumer progress)
      throws IOException {
    JsonGenerator gen = json.createGenerator(zip);
    gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    gen.writeStartArray();
    long rows =
        handle
            .createQuery(sql)
            .bind("userId", userId)
            .setFetchSize(FETCH_SIZE)
            .scanResultSet(
                (supplier, ctx) -> {
                  try {
                    ResultSet rs = supplier.get();
                    ResultSetMetaData meta = rs.getMetaData();
                    long n = 0;
                    while (rs.next()) {
                      writeRow(gen, rs, meta);
                      n++;
                      if (++total[0] % PROGRESS_EVERY == 0) {
                        progress.accept(total[0]);
                      }
                    }
                    return n;
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
    gen.writeEndArray();
    gen.writeRaw('\n');
    gen.close();
    return rows;
  }

  private static void writeRow(JsonGenerator gen, ResultSet rs, ResultSetMetaData meta)
      throws SQLException, IOException {
    gen.writeStartObject();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      gen.writeFieldName(meta.getColumnLabel(i));
      int type = meta.getColumnType(i);
      if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE) {
        OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
        writeString(gen, t == null ? null : t.toString());
      } else if (type == Types.ARRAY) {
        Array array = rs.getArray(i);
        if (array == null) {
          gen.writeNull();
        } else {
          gen.writeStartArray();
          for (Object element : (Object[]) array.getArray()) {
            writeString(gen, element == null ? null : element.toString());
          }
          gen.writeEndArray();
        }
      } else {
        writeValue(gen, rs.getObject(i));
      }
    }
    gen.writeEndObject();
  }

  private static void writeValue(JsonGenerator gen, Object value) throws IOException {
    if (value == null) {
      gen.writeNull();
    } else if (value instanceof Boolean b) {
      gen.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      gen.writeNumber(((Number) value).longValue());
    } else if (value instanceof Number n) {
      gen.writeNumber(n.toString());
    } else {
      gen.writeString(value.toString());
    }
  }

  private static void writeString(JsonGenerator gen, String value) throws IOException {
    if (value == null) {
      gen.writeNull();
    } else {
      gen.writeString(value);
    }
  }
}
