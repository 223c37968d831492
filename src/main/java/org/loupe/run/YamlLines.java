package org.loupe.run;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the line of a key in a YAML file's text by its path, from the indentation alone. Jackson
 * reports where a record ended, not where its key is, and a tree loses locations; a user needs
 * the line of the key. Handles block mappings and lists (flow style falls back to no line).
 */
final class YamlLines {

    private YamlLines() {
    }

    /** " line N" of the key at {@code path} (field names and "[i]" list items), or "" when not found. */
    static String line(List<String> lines, List<String> path) {
        int from = 0;
        int to = lines.size();
        int parentIndent = -1;
        int found = -1;
        for (String key : path) {
            if (key.startsWith("[")) {
                int index = Integer.parseInt(key.substring(1, key.length() - 1));
                int dashIndent = Integer.MAX_VALUE;
                for (int i = from; i < to; i++) {
                    int ind = indent(lines.get(i));
                    if (lines.get(i).trim().startsWith("- ") && ind > parentIndent) {
                        dashIndent = Math.min(dashIndent, ind);
                    }
                }
                int seen = -1;
                int start = -1;
                for (int i = from; i < to && start < 0; i++) {
                    if (lines.get(i).trim().startsWith("- ") && indent(lines.get(i)) == dashIndent && ++seen == index) {
                        start = i;
                    }
                }
                if (start < 0) {
                    break;
                }
                found = start;
                from = start;
                to = end(lines, start, dashIndent, to, true);
                parentIndent = dashIndent;
                continue;
            }
            Pattern p = Pattern.compile("^(\\s*)(- )?['\"]?" + Pattern.quote(key)
                    + "['\"]?\\s*:");
            int hit = -1;
            int hitIndent = 0;
            for (int i = from; i < to && hit < 0; i++) {
                Matcher m = p.matcher(lines.get(i));
                if (m.find()) {
                    int ind = m.group(1).length() + (m.group(2) == null ? 0 : 2);
                    if (ind > parentIndent) {
                        hit = i;
                        hitIndent = ind;
                    }
                }
            }
            if (hit < 0) {
                break;
            }
            found = hit;
            from = hit + 1;
            to = end(lines, hit, hitIndent, to, false);
            parentIndent = hitIndent;
        }
        return found < 0 ? "" : " line " + (found + 1);
    }

    /** First line after {@code start} that closes the block opened there. */
    private static int end(List<String> lines, int start, int indent, int limit, boolean listItem) {
        for (int i = start + 1; i < limit; i++) {
            String t = lines.get(i).trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int ind = indent(lines.get(i));
            if (ind < indent || (ind == indent && (!listItem || t.startsWith("- ")))) {
                return i;
            }
        }
        return limit;
    }

    private static int indent(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

}
