package clipcast.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every text a person reads comes from the message bundle, so it can be translated. */
class MessagesTest {

    static final Path TEMPLATES = Path.of("src/main/resources/templates");
    static final Pattern KEY_USE = Pattern.compile("#\\{([A-Za-z0-9_.]+)");
    static final Pattern TEXT_BETWEEN_TAGS = Pattern.compile(">([^<>]*[A-Za-z][^<>]*)<");

    @Test
    void templates_use_only_keys_that_exist_in_the_english_bundle() throws IOException {
        var bundle = englishBundle();
        var missing = new ArrayList<String>();
        for (var template : templates()) {
            var matcher = KEY_USE.matcher(Files.readString(template));
            while (matcher.find()) {
                if (!bundle.containsKey(matcher.group(1))) {
                    missing.add(template.getFileName() + ": " + matcher.group(1));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void templates_show_no_text_that_is_not_replaced_from_the_bundle() throws IOException {
        var hardCoded = new ArrayList<String>();
        for (var template : templates()) {
            var html = Files.readString(template)
                    .replaceAll("(?s)<script.*?</script>", "")
                    .replaceAll("(?s)<style.*?</style>", "");
            // An element whose text is replaced carries th:text/th:utext/th:replace; any other text is hard-coded.
            var elements =
                    Pattern.compile("<([a-z0-9]+)([^>]*)>([^<]*[A-Za-z][^<]*)<").matcher(html);
            while (elements.find()) {
                var attributes = elements.group(2);
                if (!attributes.matches("(?s).*th:(text|utext|replace|insert)=.*")) {
                    hardCoded.add(
                            template.getFileName() + ": " + elements.group(3).strip());
                }
            }
        }
        assertThat(hardCoded).isEmpty();
    }

    /** The reference bundle and every module's bundle under {@code i18n/}, English files only. */
    private static Properties englishBundle() throws IOException {
        var properties = new Properties();
        var files = new ArrayList<Path>();
        files.add(Path.of("src/main/resources/messages.properties"));
        try (Stream<Path> modules = Files.list(Path.of("src/main/resources/i18n"))) {
            modules.filter(file -> file.getFileName().toString().matches("[a-z]+\\.properties"))
                    .forEach(files::add);
        }
        for (var file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
        }
        return properties;
    }

    private static java.util.List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(file -> file.toString().endsWith(".html")).toList();
        }
    }
}
