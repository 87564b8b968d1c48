-- Mirror of the Veza platform tables this service reads and erases (DESIGN.md §6).
-- Applied only in tests and local runs: in production these tables already exist.

CREATE TABLE users (
    id                     uuid PRIMARY KEY,
    email                  text NOT NULL UNIQUE,
    username               text NOT NULL UNIQUE,
    display_name           text,
    password_hash          text,
    created_at             timestamptz NOT NULL DEFAULT now(),
    deleted_at             timestamptz,
    deletion_scheduled_for timestamptz,
    anonymized_at          timestamptz
);

CREATE TABLE user_profiles (
    user_id    uuid PRIMARY KEY REFERENCES users (id),
    bio        text,
    avatar_url text,
    location   text,
    birthdate  date,
    phone      text,
    website    text,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tracks (
    id         uuid PRIMARY KEY,
    creator_id uuid NOT NULL REFERENCES users (id),
    title      text NOT NULL,
    -- Free text typed by the creator: it may hold the user's real name.
    artist     text,
    is_public  boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz
);
CREATE INDEX tracks_creator_id_idx ON tracks (creator_id);

CREATE TABLE playlists (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id),
    title      text NOT NULL,
    is_public  boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz
);
CREATE INDEX playlists_user_id_idx ON playlists (user_id);

CREATE TABLE playlist_tracks (
    playlist_id uuid NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
    track_id    uuid NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    position    integer NOT NULL,
    added_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (playlist_id, track_id)
);
CREATE INDEX playlist_tracks_track_id_idx ON playlist_tracks (track_id);

CREATE TABLE messages (
    id           uuid PRIMARY KEY,
    sender_id    uuid NOT NULL REFERENCES users (id),
    recipient_id uuid NOT NULL REFERENCES users (id),
    body         text NOT NULL,
    sent_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_sender_id_idx ON messages (sender_id);
CREATE INDEX messages_recipient_id_idx ON messages (recipient_id);

CREATE TABLE playback_history (
    id        bigserial PRIMARY KEY,
    user_id   uuid NOT NULL REFERENCES users (id),
    track_id  uuid REFERENCES tracks (id) ON DELETE SET NULL,
    played_at timestamptz NOT NULL DEFAULT now(),
    ms_played integer NOT NULL DEFAULT 0
);
CREATE INDEX playback_history_user_id_idx ON playback_history (user_id);
CREATE INDEX playback_history_track_id_idx ON playback_history (track_id);

CREATE TABLE sessions (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id),
    token_hash text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
