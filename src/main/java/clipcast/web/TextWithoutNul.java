package clipcast.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Refuses the NUL character in every JSON string at the door: PostgreSQL cannot store it in text, and no person
 * types it. The refusal names the field (a 400 {@code INVALID_FIELD}) instead of failing deep in a statement.
 */
final class TextWithoutNul extends StdScalarDeserializer<String> {

    TextWithoutNul() {
        super(String.class);
    }

    static SimpleModule module() {
        return new SimpleModule("text-without-nul").addDeserializer(String.class, new TextWithoutNul());
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        var value = StringDeserializer.instance.deserialize(parser, context);
        if (value != null && value.indexOf('\0') >= 0) {
            return (String) context.handleWeirdStringValue(String.class, value, "NUL characters are not allowed");
        }
        return value;
    }
}
