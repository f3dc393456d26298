package clipcast.compliance.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of content screening on a labelled corpus of legitimate promotions (which must pass) and
 * prohibited messages in English, French, Dutch and German. The figures are printed; the floor is asserted.
 */
class ContentScreeningCorpusTest {

    record Labelled(String expected, String language, String text) {}

    @Test
    void screening_finds_the_prohibited_messages_and_lets_the_promotions_pass() throws Exception {
        var corpus = corpus();
        var screening = Screenings.standard();
        int truePositives = 0;
        int falsePositives = 0;
        int falseNegatives = 0;
        var misses = new ArrayList<String>();
        var perCategory = new TreeMap<String, int[]>();
        for (var message : corpus) {
            var found =
                    screening
                            .screen(message.text()
                                    .replace("{code}", "SPRING-4821")
                                    .replace("{name}", "Ana"))
                            .stream()
                            .map(finding -> finding.category().name())
                            .distinct()
                            .toList();
            var counts = perCategory.computeIfAbsent(message.expected(), category -> new int[2]);
            counts[1]++;
            if (message.expected().equals("NONE")) {
                if (found.isEmpty()) {
                    counts[0]++;
                } else {
                    falsePositives++;
                    misses.add("false positive " + found + ": " + message.text());
                }
            } else if (found.contains(message.expected())) {
                truePositives++;
                counts[0]++;
                falsePositives += found.size() - 1;
            } else {
                falseNegatives++;
                misses.add("missed " + message.expected() + " (found " + found + "): " + message.text());
            }
        }
        double precision = truePositives / (double) (truePositives + falsePositives);
        double recall = truePositives / (double) (truePositives + falseNegatives);
        report(corpus.size(), precision, recall, perCategory, misses);

        assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
        assertThat(precision).as("precision").isGreaterThanOrEqualTo(0.95);
        assertThat(recall).as("recall").isGreaterThanOrEqualTo(0.95);
        assertThat(misses.stream().filter(miss -> miss.startsWith("false positive")))
                .as("legitimate promotions flagged")
                .isEmpty();
    }

    private static void report(
            int size, double precision, double recall, Map<String, int[]> perCategory, List<String> misses) {
        System.out.printf(
                "Content screening on %d labelled messages: precision %.3f, recall %.3f%n", size, precision, recall);
        perCategory.forEach(
                (category, counts) -> System.out.printf("  %-20s %3d/%3d right%n", category, counts[0], counts[1]));
        misses.forEach(miss -> System.out.println("  " + miss));
    }

    private static List<Labelled> corpus() throws Exception {
        try (var reader = new BufferedReader(Screenings.resource("/compliance/screening-corpus.tsv"))) {
            return reader.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t", 3))
                    .map(columns -> new Labelled(columns[0], columns[1], columns[2]))
                    .toList();
        }
    }
}
