package com.veza.erasure.activities.erasuremap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.veza.erasure.activities.db.Jdbis;
import com.veza.erasure.activities.db.Migrations;
import com.veza.erasure.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Maps checked against a real PostgreSQL holding the reference schema and a comments table. */
class ErasureMapValidationTest {

  private Jdbi jdbi;

  @BeforeEach
  void freshDatabase() {
    jdbi =
        Jdbis.create(
            TestPostgres.shared()
                .newDatabase("veza-erasure-postgres-v1", ds -> Migrations.migrate(ds, true))
                .dataSource());
    jdbi.useHandle(
        h ->
            h.execute(
                """
                CREATE TABLE comments (
                    id       uuid PRIMARY KEY,
                    user_id  uuid NOT NULL REFERENCES users (id),
                    track_id uuid REFERENCES tracks (id) ON DELETE CASCADE,
                    body     text NOT NULL,
                    handle   text UNIQUE
                )
                """));
  }

  @Test
  void givenTheReferenceMap_whenValidated_itAcceptsItAndNamesEveryRule() {
    ValidatedErasureMap map = ErasureMaps.reference(jdbi);

    assertThat(map.rules())
        .extracting(ValidatedErasureMap.NamedRule::name)
        .containsExactly(
            "users",
            "user_profiles",
            "playback_history",
            "playlists",
            "tracks",
            "sessions",
            "messages");
    assertThat(map.sha256()).hasSize(64).isEqualTo(ErasureMaps.reference().sha256());
    assertThat(map.redisPatterns()).containsExactly("user:{id}:*");
    assertThat(map.coveredColumns())
        .contains(
            new ErasureMap.TableColumn("tracks", "creator_id"),
            new ErasureMap.TableColumn("tracks", "artist"),
            new ErasureMap.TableColumn("users", "email"))
        .doesNotContain(new ErasureMap.TableColumn("messages", "recipient_id"));
    assertThat(map.ignored()).extracting(ErasureMap.IgnoredColumn::column).contains("recipient_id");
    assertThat(map.coveragePatterns()).contains("*_user_id");
    assertThat(map.searchIndices())
        .extracting(SearchIndexRule::index)
        .containsExactly("users", "tracks", "playlists");
  }

  @Test
  void givenAnUnknownColumn_whenValidated_itNamesTheRuleAndTheColumn() {
    assertRejected(
        withComments("body2: {null: true}"),
        "postgres.tables[1] (comments): anonymize: column \"body2\" does not exist");
  }

  @Test
  void givenAnUnknownTable_whenValidated_itNamesTheRule() {
    assertRejected(
        """
        version: 1
        subject: {table: users, id: id}
        postgres:
          tables:
            - {table: likes, userColumn: user_id, action: delete}
        """,
        "postgres.tables[0] (likes): table \"likes\" does not exist");
  }

  @Test
  void givenAnIdentifierHoldingSql_whenValidated_itRefusesItBeforeAnySqlIsBuilt() {
    assertRejected(
        """
        version: 1
        subject: {table: users, id: id}
        postgres:
          tables:
            - {table: "users; drop table x", userColumn: id, action: delete}
        """,
        "\"users; drop table x\" is not a plain SQL identifier");
    boolean usersStillThere =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT to_regclass('users') IS NOT NULL")
                    .mapTo(Boolean.class)
                    .one());
    assertThat(usersStillThere).isTrue();
  }

  @Test
  void givenATemplateWithoutTheIdOnAUniqueColumn_whenValidated_itRefusesIt() {
    assertRejected(
        withComments("handle: {template: \"deleted\"}"),
        "postgres.tables[1] (comments): anonymize.handle: column \"handle\" is UNIQUE: the"
            + " template must contain {id}");
  }

  @Test
  void givenAConstantOnAUniqueColumnOrNullOnANotNullOne_whenValidated_itRefusesBoth() {
    assertRejected(
        withComments("handle: {constant: \"x\"}\n        body: {null: true}"),
        "anonymize.handle: column \"handle\" is UNIQUE: a constant would collide",
        "anonymize.body: column \"body\" is NOT NULL");
  }

  @Test
  void givenAnUnknownKey_whenLoaded_itNamesTheKeyAndWhereItIs() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    version: 1
                    subject: {table: users, id: id}
                    postgres:
                      tables:
                        - {table: users, userColumn: id, actoin: delete}
                    """))
        .isInstanceOf(ErasureMapException.class)
        .hasMessageContaining("postgres.tables[0]: unknown key \"actoin\"");
  }

  @Test
  void givenAValueOfTheWrongType_whenLoaded_itRefusesIt() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    version: 1
                    subject: {table: users, id: id}
                    postgres:
                      tables:
                        - {table: tracks, userColumn: creator_id, action: remove}
                    """))
        .isInstanceOf(ErasureMapException.class)
        .hasMessageContaining("postgres.tables[0].action");
    assertThatThrownBy(
            () ->
                parse(
                    """
                    version: 1
                    subject: {table: users, id: id}
                    postgres:
                      tables:
                        - {table: tracks, userColumn: creator_id, action: delete, snapshot: "yes"}
                    """))
        .isInstanceOf(ErasureMapException.class)
        .hasMessageContaining("postgres.tables[0].snapshot");
  }

  @Test
  void givenAViaWithoutItsForeignKey_whenValidated_itRefusesIt() {
    assertRejected(
        """
        version: 1
        subject: {table: users, id: id}
        postgres:
          tables:
            - table: comments
              via: {table: playlists, column: track_id, parentColumn: id, parentUserColumn: user_id}
              action: delete
        """,
        "postgres.tables[0] (comments): via: no foreign key from comments.track_id to playlists.id");
  }

  @Test
  void givenAParentDeletedBeforeItsChildren_whenValidated_itAsksForTheChildFirst() {
    assertRejected(
        """
        version: 1
        subject: {table: users, id: id}
        postgres:
          tables:
            - {table: users, userColumn: id, action: delete}
            - {table: messages, userColumn: sender_id, action: delete}
        """,
        "postgres.tables[0] (users): deleted before postgres.tables[1] (messages), whose foreign"
            + " key to it has no ON DELETE CASCADE: put messages first");
  }

  @Test
  void givenABadRedisPatternOrUnknownPlaceholder_whenValidated_itNamesEach() {
    assertRejected(
        """
        version: 1
        subject: {table: users, id: id}
        postgres:
          tables:
            - table: users
              userColumn: id
              action: anonymize
              anonymize: {email: {template: "gone-{user}@x.invalid"}}
        redis:
          patterns: ["*:{id}"]
        """,
        "anonymize.email: unknown placeholder {user}",
        "redis.patterns[0]: redis key pattern has a glob before {id}");
  }

  private String withComments(String anonymize) {
    return """
        version: 1
        subject: {table: users, id: id}
        postgres:
          tables:
            - {table: tracks, userColumn: creator_id, action: delete}
            - table: comments
              userColumn: user_id
              action: anonymize
              anonymize:
                %s
        """
        .formatted(anonymize);
  }

  private void assertRejected(String yaml, String... messages) {
    assertThatThrownBy(() -> ErasureMapValidator.validate(parse(yaml), jdbi))
        .isInstanceOf(ErasureMapException.class)
        .hasMessageStartingWith("erasure map test.yml is invalid:")
        .hasMessageContainingAll(messages);
  }

  private static LoadedErasureMap parse(String yaml) {
    return ErasureMapLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "test.yml");
  }
}
