package io.hookline.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.domain.problem.DomainException.ConflictCode;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ProblemTypeTests {

    @Test
    void everyConflictCodeIsServedAsTheConflictTypeOfTheSameName() {
        for (ConflictCode code : ConflictCode.values()) {
            ProblemType type = ProblemType.ofConflict(code);
            assertThat(type.uri())
                    .as(code.name())
                    .isEqualTo(URI.create(ProblemType.BASE
                            + code.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
            assertThat(type.status()).as(code.name()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(type).as(code.name()).isNotEqualTo(ProblemType.CONFLICT);
        }
    }
}
