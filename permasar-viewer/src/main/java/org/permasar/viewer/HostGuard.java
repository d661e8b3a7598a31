package org.permasar.viewer;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Accepts a request only when its {@code Host} header names this viewer: the bound address (as
 * given and as a literal), {@code localhost}, {@code 127.0.0.1} or {@code [::1]}, with the bound
 * port. A web page from another site that re-points its own host name at 127.0.0.1 (DNS
 * rebinding) sends its own name as {@code Host} and is refused, so it cannot read the served
 * folder through the user's browser. When the server binds every interface ({@code 0.0.0.0} or
 * {@code ::}), the addresses of every local interface and the machine's host name are accepted too.
 * Immutable and thread-safe.
 */
final class HostGuard {
    private final Set<String> hosts;
    private final int port;

    /** A request whose Host header is not this viewer's (HTTP 403). */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * @param configured the host the user gave, e.g. {@code 127.0.0.1}, {@code ::1}, {@code 0.0.0.0}
     * @param bound      its address
     * @param port       the port the server listens on
     */
    HostGuard(String configured, InetAddress bound, int port) {
        Set<String> h = new TreeSet<>();
        h.add("localhost");
        h.add("127.0.0.1");
        h.add(normal("::1"));
        String c = normal(configured);
        if (c != null) {
            h.add(c);
        }
        h.add(literal(bound));
        if (bound.isAnyLocalAddress()) {
            addInterfaces(h);
        }
        this.hosts = Collections.unmodifiableSet(h);
        this.port = port;
    }

    /** The accepted host names and literals (without port), lower case. */
    Set<String> hosts() {
        return hosts;
    }

    /**
     * Checks a Host header value ({@code name[:port]}, {@code [v6][:port]}); a missing port means 80.
     *
     * @throws Refused naming the header when it does not name this viewer
     */
    void check(String header) throws Refused {
        if (header == null || header.isBlank()) {
            throw new Refused("no Host header");
        }
        String v = header.strip().toLowerCase(Locale.ROOT);
        String name;
        String portText = null;
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            if (end < 0) {
                throw refused(header);
            }
            name = v.substring(0, end + 1);
            if (end + 1 < v.length()) {
                if (v.charAt(end + 1) != ':') {
                    throw refused(header);
                }
                portText = v.substring(end + 2);
            }
        } else {
            int colon = v.lastIndexOf(':');
            name = colon < 0 ? v : v.substring(0, colon);
            portText = colon < 0 ? null : v.substring(colon + 1);
        }
        name = normal(name);
        int p;
        try {
            p = portText == null ? 80 : Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw refused(header);
        }
        if (p != port || name == null || !hosts.contains(name)) {
            throw refused(header);
        }
    }

    private Refused refused(String header) {
        String shown = header.length() > 80 ? header.substring(0, 80) + "…" : header;
        return new Refused("Host '" + shown.replaceAll("\\p{Cntrl}", "?") + "' is not this viewer's address (accepted: "
                + "localhost, 127.0.0.1, [::1] or the address it was started on, with port " + port
                + "); requests through other names are refused against DNS rebinding");
    }

    /**
     * A host name or literal in the form this guard compares: lower case, no trailing dot, IPv6
     * literals in brackets as Java writes them ({@code [0:0:0:0:0:0:0:1]} for {@code ::1}); null for a
     * malformed IPv6 literal.
     */
    static String normal(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.contains(":")) {
            if (!h.matches("[0-9a-f:.]+")) {
                return null;
            }
            try {
                return literal(InetAddress.getByName(h)); // an IPv6 literal: parsed, never looked up
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return h;
    }

    /** The literal of an address as a Host header carries it ({@code [v6]} without scope). */
    static String literal(InetAddress a) {
        String s = a.getHostAddress().toLowerCase(Locale.ROOT);
        if (a instanceof Inet6Address) {
            int pct = s.indexOf('%');
            s = "[" + (pct < 0 ? s : s.substring(0, pct)) + "]";
        }
        return s;
    }

    private static void addInterfaces(Set<String> h) {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    h.add(literal(a));
                }
            }
        } catch (SocketException e) {
            // no interface list: only the names above
        }
        try {
            InetAddress me = InetAddress.getLocalHost();
            for (String name : new String[] {me.getHostName(), me.getCanonicalHostName()}) {
                String n = normal(name);
                if (n != null) {
                    h.add(n);
                }
            }
        } catch (UnknownHostException e) {
            // no host name: literals only
        }
    }
}
