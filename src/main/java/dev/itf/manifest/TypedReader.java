package dev.itf.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import dev.itf.json.Json;
import dev.itf.validation.Problem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Converts a Jackson tree to an API type, turning every unknown field and wrong type into a {@link Problem}. */
final class TypedReader {

    /** ITF's mapper, strict: an unknown field or a fraction where an integer belongs is a problem, not a guess. */
    private static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .registerModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
                // Kubernetes model types (EnvVar, Probe, ObjectMeta, ...) keep unknown fields in additionalProperties;
                // without that catch-all a typo such as httpget reaches the problem handler like any other unknown field
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                                                             BeanDeserializerBuilder builder) {
                    builder.setAnySetter(null);
                    return builder;
                }
            }));

    private TypedReader() {
    }

    static <T> Typed<T> read(JsonNode node, Class<T> type) {
        Recorder recorder = new Recorder();
        try {
            T value = MAPPER.readerFor(type).withHandler(recorder).readValue(MAPPER.treeAsTokens(node));
            return new Typed<>(value, List.copyOf(recorder.problems));
        } catch (JsonMappingException e) {
            recorder.problems.add(new Problem(path(e.getPath()), e.getOriginalMessage()));
            return new Typed<>(null, List.copyOf(recorder.problems));
        } catch (IOException e) {
            recorder.problems.add(new Problem("", e.getMessage()));
            return new Typed<>(null, List.copyOf(recorder.problems));
        }
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The field path of the value the parser is on. */
    static String path(JsonParser p) {
        JsonStreamContext ctx = p.getParsingContext();
        JsonToken t = p.currentToken();
        // on the start of an object or array the parser has already entered its context
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            ctx = ctx.getParent();
        }
        List<String> segments = new ArrayList<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                segments.add(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                segments.add(0, "." + c.getCurrentName());
            }
        }
        String path = String.join("", segments);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class || type == Float.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(TypedReader::jsonName).collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a mapping";
        }
        return "a mapping (object)";
    }

    private static String jsonName(Object constant) {
        return MAPPER.valueToTree(constant).asText();
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "a mapping";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    /** Records problems and skips the offending value, so that one document reports all of them at once. */
    private static final class Recorder extends DeserializationProblemHandler {
        final List<Problem> problems = new ArrayList<>();

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                             Object beanOrClass, String propertyName) throws IOException {
            String parent = path(p);
            String at = parent.endsWith(propertyName) ? parent : (parent.isEmpty() ? propertyName : parent + "." + propertyName);
            Collection<Object> known = deserializer == null ? List.of() : deserializer.getKnownPropertyNames();
            String hint = known == null || known.isEmpty() ? ""
                    : "; known fields: " + known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
            problems.add(new Problem(at, "unknown field \"" + propertyName + "\"" + hint));
            p.skipChildren();
            return true;
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
                                            String failureMsg) throws IOException {
            if (targetType.isPrimitive()) {
                return NOT_HANDLED;
            }
            problems.add(new Problem(path(p), "must be " + describe(targetType.getRawClass()) + ", not " + describe(t)));
            p.skipChildren();
            return null;
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String valueToConvert,
                                             String failureMsg) {
            if (targetType.isPrimitive()) {
                return NOT_HANDLED;
            }
            problems.add(new Problem(path(ctxt.getParser()), "must be " + describe(targetType) + ", not \"" + valueToConvert + "\""));
            return null;
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number valueToConvert,
                                             String failureMsg) {
            if (targetType.isPrimitive()) {
                return NOT_HANDLED;
            }
            problems.add(new Problem(path(ctxt.getParser()), "must be " + describe(targetType) + ", not " + valueToConvert));
            return null;
        }

        @Override
        public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass, ValueInstantiator valueInsta,
                                                JsonParser p, String msg) throws IOException {
            problems.add(new Problem(path(p), "must be " + describe(instClass) + ", not " + describe(p.currentToken())));
            p.skipChildren();
            return null;
        }
    }
}
