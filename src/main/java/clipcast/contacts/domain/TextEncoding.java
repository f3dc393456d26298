package clipcast.contacts.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which encoding a text file is in: the one its byte-order mark says, else UTF-8 if every byte sequence of the
 * file is valid UTF-8 (checked streaming, in constant memory), else Windows-1252 (what spreadsheet programs on
 * Windows write).
 */
public record TextEncoding(Charset charset, int bomLength) {

    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    public static TextEncoding detect(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            var head = in.readNBytes(3);
            if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
                return new TextEncoding(StandardCharsets.UTF_8, 3);
            }
            if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
                return new TextEncoding(StandardCharsets.UTF_16LE, 2);
            }
            if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
                return new TextEncoding(StandardCharsets.UTF_16BE, 2);
            }
        }
        try (var in = Files.newInputStream(file)) {
            return new TextEncoding(isUtf8(in) ? StandardCharsets.UTF_8 : WINDOWS_1252, 0);
        }
    }

    private static boolean isUtf8(InputStream in) throws IOException {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var buffer = new char[64 * 1024];
        try (var reader = new InputStreamReader(in, decoder)) {
            while (reader.read(buffer) >= 0) {
                // reading is the check
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
