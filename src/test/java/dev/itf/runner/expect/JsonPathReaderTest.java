package dev.itf.runner.expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.JsonPath;
import dev.itf.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class JsonPathReaderTest {

    private static final List<String> DOCUMENTS = List.of(
            "{\"status\":\"NEW\",\"id\":7,\"price\":12.5,\"big\":12345678901234567890,\"ok\":true,\"none\":null,"
                    + "\"order\":{\"status\":\"PAID\",\"lines\":[{\"sku\":\"a\"}],\"empty\":{},\"a b\":1,\"_x1\":[1,2]},\"list\":[1,2,3]}",
            "[{\"status\":\"NEW\"},{\"status\":\"OLD\"}]",
            "\"just text\"",
            "42",
            "null",
            "{}",
            "{\"order\":\"not an object\",\"status\":{\"status\":{}}}");

    private static final List<String> PATHS = List.of("$", "$.status", "$.id", "$.price", "$.big", "$.ok", "$.none",
            "$.missing", "$.order", "$.order.status", "$.order.lines", "$.order.empty", "$['order']['a b']",
            "$.order._x1", "$.order.status.deeper", "$.status.status", "$.status.status.status", "$.list", "$['status']",
            "$.order['status']");

    @Test
    void pathsOfNamesOnlyReadWhatJaywayReads() {
        for (String text : DOCUMENTS) {
            JsonNode doc = Json.parseOrNull(text);
            assertNotNull(doc, text);
            for (String p : PATHS) {
                JsonPathReader.Path fast = JsonPathReader.compile(p);
                assertNotNull(fast.names(), p + " is a path of names");
                JsonNode expected = JsonPathReader.read(new JsonPathReader.Path(JsonPath.compile(p), null), doc);
                JsonNode actual = JsonPathReader.read(fast, doc);
                assertEquals(expected, actual, p + " on " + text);
                assertEquals(Objects.toString(expected), Objects.toString(actual), p + " on " + text);
            }
        }
    }

    @Test
    void namesAreTakenOnlyFromPlainSteps() {
        assertArrayEquals(new String[0], JsonPathReader.names("$"));
        assertArrayEquals(new String[] {"a", "b_2", "c d"}, JsonPathReader.names("$.a.b_2['c d']"));
        for (String other : List.of("$..a", "$.a[0]", "$.a[*]", "$.*", "$['a','b']", "$.a.length()", "$[?(@.a)]",
                "$.1a", "$.", "$['a\\'b']", "a.b", "$.a-b", "$['']")) {
            assertNull(JsonPathReader.names(other), other);
        }
    }

    @Test
    void otherPathsStillReadThroughJayway() {
        JsonNode doc = Json.parseOrNull(DOCUMENTS.get(0));
        assertEquals("a", JsonPathReader.read(JsonPathReader.compile("$.order.lines[0].sku"), doc).asText());
        assertEquals(3, JsonPathReader.read(JsonPathReader.compile("$.list[*]"), doc).size());
        assertNull(JsonPathReader.read(JsonPathReader.compile("$.list[?(@ > 5)]"), doc));
    }
}
