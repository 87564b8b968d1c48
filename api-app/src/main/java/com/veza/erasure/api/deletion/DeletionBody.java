package com.veza.erasure.api.deletion;

/** Body of {@code POST .../deletion}; absent means {@code {"keep_public_tracks": false}}. */
public record DeletionBody(Boolean keepPublicTracks) {

  public static final DeletionBody DEFAULT = new DeletionBody(false);

  public boolean keep() {
    return Boolean.TRUE.equals(keepPublicTracks);
  }
}
