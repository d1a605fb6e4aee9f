package net.rudp.demo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesNestedValuesAndEscapes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a \"quoted\"\nline\\");
        m.put("n", 42L);
        m.put("d", 1.5);
        m.put("nan", Double.NaN);
        m.put("b", true);
        m.put("none", null);
        m.put("list", List.of(1, List.of()));
        assertEquals("{\"s\":\"a \\\"quoted\\\"\\nline\\\\\",\"n\":42,\"d\":1.5,\"nan\":null,\"b\":true,\"none\":null,\"list\":[1,[]]}",
            Json.write(m));
    }

    @Test
    void objectKeepsTheFieldsInTheOrderGiven() {
        assertEquals("{\"z\":1,\"a\":\"x\"}", Json.write(Json.object("z", 1, "a", "x")));
        assertThrows(IllegalArgumentException.class, () -> Json.object("lonely key"));
    }

    @Test
    void readsBackAFlatObject() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "tab\there \"x\" \u00e9");
        m.put("n", -7L);
        m.put("d", 2.25);
        m.put("b", false);
        m.put("none", null);
        assertEquals(m, Json.readFlatObject(Json.write(m)));
        assertEquals(Map.of(), Json.readFlatObject(" { } "));
    }

    @Test
    void refusesWhatIsNotAFlatObject() {
        assertThrows(IllegalArgumentException.class, () -> Json.readFlatObject("[1]"));
        assertThrows(IllegalArgumentException.class, () -> Json.readFlatObject("{\"a\":1"));
        assertThrows(IllegalArgumentException.class, () -> Json.readFlatObject("{\"a\":nope}"));
        assertThrows(IllegalArgumentException.class, () -> Json.readFlatObject("{\"a\":1} trailing"));
    }
}
