package com.veza.erasure.activities.erasuremap;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What an anonymized column is set to; exactly one of the four is given.
 *
 * @param setNull {@code null: true}: SQL NULL
 * @param constant a YAML scalar (text, number, boolean), bound as a parameter
 * @param template text where {@code {id}} becomes the user's UUID and {@code {id_hex}} its 32 hex
 *     digits; bound as a parameter
 * @param now {@code ifNull}: the erasure's time unless the column is already set; {@code always}:
 *     the erasure's time, written with the other columns (an {@code updated_at})
 */
public record Replacement(
    @JsonProperty("null") Boolean setNull, Object constant, String template, Now now) {

  public static Replacement nullValue() {
    return new Replacement(true, null, null, null);
  }

  public static Replacement constantValue(Object value) {
    return new Replacement(null, value, null, null);
  }

  public static Replacement templateValue(String template) {
    return new Replacement(null, null, template, null);
  }

  /** How many of the four are given; the validator wants exactly one. */
  int kinds() {
    return (setNull == null ? 0 : 1)
        + (constant == null ? 0 : 1)
        + (template == null ? 0 : 1)
        + (now == null ? 0 : 1);
  }

  /** Whether the column decides if a row still differs from its anonymized state. */
  public boolean isChecked() {
    return now != Now.ALWAYS;
  }

  public enum Now {
    @JsonProperty("ifNull")
    IF_NULL,
    @JsonProperty("always")
    ALWAYS
  }
}
