package org.permasar.io.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The minimal JSON reader/writer on hand-written documents. */
class JsonTest {

    @Test
    void parsesAZarrPythonHeaderWithPythonStyleNaN() throws Exception {
        String text = "{\n \"chunks\": [2, 8, 10],\n \"compressor\": {\"id\": \"zlib\", \"level\": 5},\n"
                + " \"dtype\": \"<f4\", \"fill_value\": NaN, \"filters\": null, \"scale\": -1.5e-3,\n"
                + " \"name\": \"a\\\"b\\\\c\\u00e9\\n\", \"ok\": true, \"inf\": -Infinity\n}";
        Map<String, Object> m = Json.parseObject(text);
        assertThat(m.get("chunks")).isEqualTo(List.of(2L, 8L, 10L));
        assertThat(m.get("compressor")).isEqualTo(Map.of("id", "zlib", "level", 5L));
        assertThat((Double) m.get("fill_value")).isNaN();
        assertThat(m).containsEntry("filters", null).containsEntry("scale", -0.0015).containsEntry("ok", true)
                .containsEntry("name", "a\"b\\cé\n").containsEntry("inf", Double.NEGATIVE_INFINITY);
    }

    @Test
    void writesWhatItReads() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shape", List.of(3L, 37L, 23L));
        m.put("fill_value", "NaN");
        m.put("x", 0.0013888889);
        m.put("empty", Map.of());
        m.put("quote", "tab\there \"q\"");
        String text = Json.write(m);
        assertThat(text).contains("\"shape\": [3, 37, 23]").contains("\"x\": 0.0013888889");
        assertThat(Json.parseObject(text)).isEqualTo(m);
    }

    @Test
    void syntaxErrorsNameTheOffset() {
        assertThatThrownBy(() -> Json.parse("{\"a\": [1, 2}")).isInstanceOf(Json.SyntaxException.class)
                .hasMessageContaining("offset 11").hasMessageContaining("']'");
        assertThatThrownBy(() -> Json.parseObject("[1]")).hasMessageContaining("object");
        assertThatThrownBy(() -> Json.write(Map.of("v", Double.NaN))).isInstanceOf(IllegalArgumentException.class);
    }
}
