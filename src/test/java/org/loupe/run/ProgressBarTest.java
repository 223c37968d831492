package org.loupe.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void inALogALineComesEvery30SecondsWithRateAndTimeLeft() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, () -> now[0]);
        // 2400 steps at 10 s each: the quarter lines alone would be 100 minutes apart.
        for (int step = 1; step <= 30; step++) {
            now[0] = step * 10_000_000_000L;
            bar.update("train", step, 2400, "loss=1");
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        // Step 1 (first line), then steps 4, 7, ..., 28 (every 30 s): 10 lines.
        assertEquals(10, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(1).contains("4/2400") && lines.get(1).contains("0.100/s"), lines.get(1));
        assertTrue(lines.get(1).contains("6h39m left"), lines.get(1));
    }

    @Test
    void durationsReadAsHoursMinutesOrSeconds() {
        assertEquals("45 s", ProgressBar.duration(45));
        assertEquals("2m05s", ProgressBar.duration(125));
        assertEquals("1h01m", ProgressBar.duration(3660));
    }
}
