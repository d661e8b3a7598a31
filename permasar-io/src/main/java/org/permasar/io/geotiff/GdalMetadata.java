package org.permasar.io.geotiff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GDAL's metadata XML (TIFF tag 42112, {@code <GDALMetadata><Item name=".." sample=".."
 * role="..">value</Item>…}): dataset items, and per-band items such as the band DESCRIPTION.
 * Immutable.
 *
 * @param items        dataset-level items (no {@code sample} attribute), in file order
 * @param descriptions band descriptions, index = band (0-based); empty string when none
 */
public record GdalMetadata(Map<String, String> items, List<String> descriptions) {
    private static final Pattern ITEM = Pattern.compile("<Item\\s+([^>]*)>(.*?)</Item>", Pattern.DOTALL);
    private static final Pattern ATTR = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"");

    public GdalMetadata {
        items = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(items));
        descriptions = List.copyOf(descriptions);
    }

    /** Parses the XML text; unknown elements are ignored, a null or empty text gives no items. */
    public static GdalMetadata parse(String xml, int bands) {
        Map<String, String> items = new LinkedHashMap<>();
        List<String> desc = new ArrayList<>();
        for (int b = 0; b < bands; b++) {
            desc.add("");
        }
        if (xml == null) {
            return new GdalMetadata(items, desc);
        }
        Matcher m = ITEM.matcher(xml);
        while (m.find()) {
            Map<String, String> attrs = new LinkedHashMap<>();
            Matcher a = ATTR.matcher(m.group(1));
            while (a.find()) {
                attrs.put(a.group(1), unescape(a.group(2)));
            }
            String name = attrs.get("name");
            if (name == null) {
                continue;
            }
            String value = unescape(m.group(2));
            String sample = attrs.get("sample");
            if (sample == null) {
                items.put(name, value);
            } else if ("description".equals(attrs.get("role")) || "DESCRIPTION".equals(name)) {
                int b = Integer.parseInt(sample.trim());
                if (b >= 0 && b < bands) {
                    desc.set(b, value);
                }
            }
        }
        return new GdalMetadata(items, desc);
    }

    /** The XML text GDAL writes and reads for these items and band descriptions. */
    public String toXml() {
        StringBuilder b = new StringBuilder("<GDALMetadata>\n");
        for (Map.Entry<String, String> e : items.entrySet()) {
            b.append("  <Item name=\"").append(escape(e.getKey())).append("\">")
                    .append(escape(e.getValue())).append("</Item>\n");
        }
        for (int i = 0; i < descriptions.size(); i++) {
            String d = descriptions.get(i);
            if (d != null && !d.isEmpty()) {
                b.append("  <Item name=\"DESCRIPTION\" sample=\"").append(i).append("\" role=\"description\">")
                        .append(escape(d)).append("</Item>\n");
            }
        }
        return b.append("</GDALMetadata>").toString();
    }

    /**
     * GDAL escapes a value twice (CPLEscapeString, then again when serialising the XML tree), so
     * "a &amp; b" is stored as {@code a &amp;amp; b}; we write the same and undo both on reading.
     */
    static String escape(String s) {
        return escapeOnce(escapeOnce(s));
    }

    static String unescape(String s) {
        return unescapeOnce(unescapeOnce(s));
    }

    private static String escapeOnce(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String unescapeOnce(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
