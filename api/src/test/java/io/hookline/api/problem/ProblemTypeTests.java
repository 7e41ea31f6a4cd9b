package io.hookline.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.domain.problem.DomainException.ConflictCode;
import io.hookline.domain.problem.DomainException.RefusalCode;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ProblemTypeTests {

    @Test
    void everyConflictCodeIsServedAsTheConflictTypeOfTheSameName() {
        for (ConflictCode code : ConflictCode.values()) {
            assertServedAsItsOwnType(code, ProblemType.ofConflict(code), HttpStatus.CONFLICT, ProblemType.CONFLICT);
        }
    }

    @Test
    void everyRefusalCodeIsServedAsTheUnprocessableTypeOfTheSameName() {
        for (RefusalCode code : RefusalCode.values()) {
            assertServedAsItsOwnType(
                    code, ProblemType.ofRefusal(code), HttpStatus.UNPROCESSABLE_CONTENT, ProblemType.VALIDATION_FAILED);
        }
    }

    private static void assertServedAsItsOwnType(
            Enum<?> code, ProblemType type, HttpStatus status, ProblemType generic) {
        assertThat(type.uri())
                .as(code.name())
                .isEqualTo(URI.create(ProblemType.BASE
                        + code.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
        assertThat(type.status()).as(code.name()).isEqualTo(status);
        assertThat(type).as(code.name()).isNotEqualTo(generic);
    }
}
