package org.permasar.cli.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.permasar.cli.plot.Png;

/**
 * A self-contained HTML document under construction: inline CSS, images embedded as base64 PNG
 * data URIs, no scripts and no external references, so the file opens offline and can be mailed.
 * Output is a pure function of what is appended (no timestamps), so equal inputs give equal bytes.
 *
 * <p>Mutable; not thread-safe.
 */
final class HtmlPage {
    private static final String CSS = """
            body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:0;color:#222;background:#f4f5f7}
            header{background:#1f3a5f;color:#fff;padding:18px 32px}header h1{margin:0;font-size:26px}
            header p{margin:4px 0 0;opacity:.85}
            nav{background:#fff;border-bottom:1px solid #ddd;padding:8px 32px;font-size:14px}
            nav a{margin-right:16px;color:#1f3a5f;text-decoration:none}
            main{padding:8px 32px 40px;max-width:1400px}
            section{background:#fff;border:1px solid #e1e4e8;border-radius:6px;padding:12px 20px;margin:18px 0}
            h2{color:#1f3a5f;border-bottom:2px solid #e1e4e8;padding-bottom:4px}h3{margin:14px 0 6px}
            .grid{display:flex;flex-wrap:wrap;gap:14px}
            figure{margin:0;background:#fff}figure img{display:block;max-width:100%;height:auto;border:1px solid #eee}
            figure a img{cursor:zoom-in}
            figcaption{font-size:13px;color:#555;max-width:560px;margin-top:4px}
            table{border-collapse:collapse;font-size:14px;margin:8px 0 14px}
            th,td{border:1px solid #d0d7de;padding:4px 10px;text-align:right}th{background:#eef1f5}
            td:first-child,th:first-child{text-align:left}
            pre{background:#f6f8fa;border:1px solid #e1e4e8;padding:10px;font-size:12px;overflow:auto;max-height:480px}
            .note{color:#555;font-size:14px}
            """;

    private final StringBuilder body = new StringBuilder();
    private final StringBuilder nav = new StringBuilder();
    private final String title;
    private final String subtitle;

    HtmlPage(String title, String subtitle) {
        this.title = title;
        this.subtitle = subtitle;
    }

    /** Escapes text for HTML element content and attribute values. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Opens a section with a heading (and a navigation link). */
    HtmlPage section(String id, String heading) {
        nav.append("<a href=\"#").append(id).append("\">").append(esc(heading)).append("</a>");
        body.append("<section id=\"").append(id).append("\"><h2>").append(esc(heading)).append("</h2>\n");
        return this;
    }

    HtmlPage endSection() {
        body.append("</section>\n");
        return this;
    }

    HtmlPage h3(String text) {
        body.append("<h3>").append(esc(text)).append("</h3>\n");
        return this;
    }

    HtmlPage note(String text) {
        body.append("<p class=\"note\">").append(esc(text)).append("</p>\n");
        return this;
    }

    HtmlPage pre(String text) {
        body.append("<pre>").append(esc(text)).append("</pre>\n");
        return this;
    }

    HtmlPage openGrid() {
        body.append("<div class=\"grid\">\n");
        return this;
    }

    HtmlPage closeGrid() {
        body.append("</div>\n");
        return this;
    }

    /** An embedded image with a caption. */
    HtmlPage figure(BufferedImage img, String caption) throws IOException {
        return figure(img, caption, Integer.MAX_VALUE);
    }

    /** An embedded image shown at most {@code maxWidth} CSS pixels wide. */
    HtmlPage figure(BufferedImage img, String caption, int maxWidth) throws IOException {
        return figure(Png.bytes(img), caption, Math.min(maxWidth, img.getWidth()));
    }

    /** An embedded PNG file with a caption (skipped silently when the file does not exist). */
    HtmlPage figure(Path png, String caption) throws IOException {
        return figure(png, caption, Integer.MAX_VALUE);
    }

    /** An embedded PNG file shown at most {@code maxWidth} CSS pixels wide (skipped when the file does not exist). */
    HtmlPage figure(Path png, String caption, int maxWidth) throws IOException {
        if (!Files.isRegularFile(png)) {
            return this;
        }
        BufferedImage img = ImageIO.read(png.toFile());
        return figure(Files.readAllBytes(png), caption, Math.min(maxWidth, img == null ? 600 : img.getWidth()));
    }

    private HtmlPage figure(byte[] png, String caption, int width) {
        return figure(png, caption, width, null);
    }

    /**
     * An embedded image that opens {@code href} (a full-resolution picture next to the page, relative
     * link) when clicked.
     */
    HtmlPage figure(BufferedImage img, String caption, int maxWidth, String href) throws IOException {
        return figure(Png.bytes(img), caption, Math.min(maxWidth, img.getWidth()), href);
    }

    private HtmlPage figure(byte[] png, String caption, int width, String href) {
        body.append("<figure style=\"max-width:").append(width).append("px\">");
        if (href != null) {
            body.append("<a href=\"").append(esc(href)).append("\" title=\"full resolution\">");
        }
        body.append("<img alt=\"").append(esc(caption)).append("\" width=\"").append(width)
                .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png)).append("\">");
        if (href != null) {
            body.append("</a>");
        }
        body.append("<figcaption>").append(esc(caption));
        if (href != null) {
            body.append(" <a href=\"").append(esc(href)).append("\">full resolution</a>");
        }
        body.append("</figcaption></figure>\n");
        return this;
    }

    /** A table; the first row is the header. */
    HtmlPage table(List<List<String>> rows) {
        body.append("<table>\n");
        for (int i = 0; i < rows.size(); i++) {
            String cell = i == 0 ? "th" : "td";
            body.append("<tr>");
            for (String v : rows.get(i)) {
                body.append('<').append(cell).append('>').append(esc(v)).append("</").append(cell).append('>');
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** The finished document. */
    String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" + esc(title)
                + "</title>\n<style>\n" + CSS + "</style></head>\n<body>\n<header><h1>" + esc(title) + "</h1><p>"
                + esc(subtitle) + "</p></header>\n<nav>" + nav + "</nav>\n<main>\n" + body + "</main>\n</body></html>\n";
    }
}
