package org.loupe.report;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One colour per box, the same in every figure of a report: LR blue, trilinear brown, HR black, SR
 * inputs in order orange, green, red, purple, pink (then again); tolerance lines light grey. XChart's default would colour by
 * series position, so a box changed colour between figures that hold different boxes.
 */
final class Palette {

    private static final List<Color> SR = List.of(new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0xe377c2));

    private Palette() {
    }

    static Map<String, Color> of(ValidationReport r) {
        Map<String, Color> out = new LinkedHashMap<>();
        out.put(ValidationReport.LR, new Color(0x1f77b4));
        out.put(ValidationReport.TRILINEAR, new Color(0x8c564b));
        out.put(ValidationReport.HR, Color.BLACK);
        List<String> sr = r.srNames();
        for (int i = 0; i < sr.size(); i++) {
            out.put(sr.get(i), SR.get(i % SR.size()));
        }
        return out;
    }

    /** CSS hex of a box's colour. */
    static String css(Color c) {
        return String.format("#%06x", c.getRGB() & 0xffffff);
    }
}
