package io.hookline.delivery.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Turns what a receiver sent into text the delivery log can always store. PostgreSQL refuses
 * NUL in {@code text} and {@code jsonb} and anything that is not valid UTF-8, so a receiver
 * answering binary would otherwise make its own attempt impossible to record. NUL, other C0
 * controls (but tab, CR, LF) and invalid byte sequences become U+FFFD; the result is cut to a
 * byte budget on a character boundary.
 */
public final class LoggedText {

    private static final char REPLACEMENT = '\uFFFD';

    private LoggedText() {}

    /** Decodes {@code bytes} (which may end mid-character when the body was cut) and sanitises it. */
    public static String fromBytes(byte[] bytes, int length, int maxBytes) {
        int end = Math.min(length, bytes.length);
        if (end == maxBytes) {
            // cut by the cap: drop a character whose bytes were cut off instead of replacing it
            int lead = end;
            while (lead > 0 && (bytes[lead - 1] & 0xC0) == 0x80) {
                lead--;
            }
            if (lead > 0 && (bytes[lead - 1] & 0x80) != 0 && end - (lead - 1) < sequenceLength(bytes[lead - 1])) {
                end = lead - 1;
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes, 0, end))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder cannot fail", e);
        }
        return of(decoded, maxBytes);
    }

    /** Sanitises text (a header, an error message, a receiver's reason) and cuts it to {@code maxBytes} of UTF-8. */
    public static String of(String text, int maxBytes) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxBytes));
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int width = Character.charCount(codePoint);
            if (Character.isSurrogate(text.charAt(i)) && width == 1) {
                codePoint = REPLACEMENT; // a lone surrogate cannot be encoded
            } else if (codePoint < 0x20 && codePoint != '\t' && codePoint != '\n' && codePoint != '\r') {
                codePoint = REPLACEMENT;
            }
            int size = utf8Length(codePoint);
            if (bytes + size > maxBytes) {
                break;
            }
            out.appendCodePoint(codePoint);
            bytes += size;
            i += width;
        }
        return out.toString();
    }

    public static @Nullable String ofNullable(@Nullable String text, int maxBytes) {
        return text == null ? null : of(text, maxBytes);
    }

    private static int sequenceLength(byte lead) {
        int b = lead & 0xFF;
        if (b >= 0xF0) {
            return 4;
        }
        if (b >= 0xE0) {
            return 3;
        }
        return b >= 0xC0 ? 2 : 1;
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
