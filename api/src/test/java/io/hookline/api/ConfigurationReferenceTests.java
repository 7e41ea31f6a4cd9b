package io.hookline.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code docs/configuration.md} is the one reference of every setting: each {@code hookline.*}
 * key of every module's {@code @ConfigurationProperties} records (as the configuration processor
 * wrote them to {@code META-INF/spring-configuration-metadata.json}) must be in it, and it must
 * not document a key that no record declares.
 */
class ConfigurationReferenceTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path REFERENCE = Path.of("../docs/configuration.md");
    private static final Pattern TABLE_KEY = Pattern.compile("^\\| `(hookline\\.[a-z0-9.-]+)`", Pattern.MULTILINE);

    @Test
    void everyDeclaredHooklinePropertyIsInTheConfigurationReference() throws IOException {
        Set<String> declared = declaredHooklineProperties();
        String reference = Files.readString(REFERENCE, StandardCharsets.UTF_8);

        // the metadata of each module with properties records is on the classpath, so the check below is not vacuous
        assertThat(declared)
                .contains(
                        "hookline.db.runtime-role",
                        "hookline.secrets.encryption-key",
                        "hookline.delivery.lease",
                        "hookline.retention.events",
                        "hookline.api.queue-timeout",
                        "hookline.dev.key-file",
                        "hookline.embedded.dir");
        assertThat(declared)
                .as("hookline.* keys missing from docs/configuration.md")
                .allSatisfy(key -> assertThat(reference).contains("`" + key + "`"));
    }

    @Test
    void theConfigurationReferenceDocumentsNoKeyThatIsNotDeclared() throws IOException {
        Set<String> declared = declaredHooklineProperties();
        Set<String> documented = new TreeSet<>();
        Matcher rows = TABLE_KEY.matcher(Files.readString(REFERENCE, StandardCharsets.UTF_8));
        while (rows.find()) {
            documented.add(rows.group(1));
        }

        assertThat(documented).isNotEmpty();
        assertThat(documented)
                .as("keys in docs/configuration.md that no record declares")
                .isSubsetOf(declared);
    }

    private static Set<String> declaredHooklineProperties() throws IOException {
        Set<String> names = new TreeSet<>();
        ClassLoader loader = ConfigurationReferenceTests.class.getClassLoader();
        for (URL url : Collections.list(loader.getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : JSON.readTree(in).path("properties")) {
                    String name = property.path("name").asString();
                    if (name.startsWith("hookline.")) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }
}
