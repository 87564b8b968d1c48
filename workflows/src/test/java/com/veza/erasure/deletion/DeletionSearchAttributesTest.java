package com.veza.erasure.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.temporal.api.enums.v1.IndexedValueType;
import org.junit.jupiter.api.Test;

class DeletionSearchAttributesTest {

  @Test
  void givenTheKeys_whenDefinitionsAreListed_itHasEachNameWithItsTypeInOrder() {
    assertThat(DeletionSearchAttributes.DEFINITIONS)
        .containsExactly(
            entry(
                DeletionSearchAttributes.PHASE.getName(),
                IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD),
            entry(
                DeletionSearchAttributes.SCHEDULED_FOR.getName(),
                IndexedValueType.INDEXED_VALUE_TYPE_DATETIME));
  }
}
