package org.loupe.report;

import java.util.List;

/** The report's figure names, for tests outside the package. */
public final class ReportWriterAccess {

    private ReportWriterAccess() {
    }

    public static List<String> figures() {
        return ReportWriter.FIGURES;
    }
}
