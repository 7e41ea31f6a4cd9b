package io.hookline.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.NodeTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The committed contract passes Spectral's OAS ruleset and the OWASP API Security ruleset
 * ({@code openapi/lint/.spectral.yaml}) with no warning, run with the machine's Node; and every
 * rule that file turns off is named in docs/decisions.md, where the exception is justified.
 */
class ContractLintTests {

    private static final Path LINT = NodeTool.REPOSITORY.resolve(Path.of("openapi", "lint"));

    @Test
    void theContractPassesTheOasAndOwaspRulesets() {
        NodeTool.assumeNode("the contract's Spectral lint");
        NodeTool.install(LINT);
        NodeTool.Result lint = NodeTool.run(
                LINT,
                Map.of(),
                Duration.ofSeconds(120),
                "node",
                "node_modules/@stoplight/spectral-cli/dist/index.js",
                "lint",
                "--ruleset",
                ".spectral.yaml",
                "--fail-severity",
                "warn",
                "--format",
                "text",
                "../openapi.yaml");
        assertThat(lint.exitCode())
                .as("Spectral found problems in openapi/openapi.yaml:\n%s", lint.output())
                .isZero();
    }

    @Test
    void everyRuleTurnedOffIsJustifiedInTheDecisions() throws IOException {
        String ruleset = Files.readString(LINT.resolve(".spectral.yaml"), StandardCharsets.UTF_8);
        String decisions =
                Files.readString(NodeTool.REPOSITORY.resolve(Path.of("docs", "decisions.md")), StandardCharsets.UTF_8);
        Matcher off = Pattern.compile("(?m)^\\s+([\\w:.-]+): off$").matcher(ruleset);
        List<String> rules = off.results().map(m -> m.group(1)).distinct().toList();
        assertThat(rules).contains("owasp:api8:2023-define-cors-origin", "owasp:api2:2023-write-restricted");
        assertThat(rules).allSatisfy(rule -> assertThat(decisions).contains("`" + rule + "`"));
    }
}
