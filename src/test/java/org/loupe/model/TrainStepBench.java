package org.loupe.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.loupe.tiles.GeneratorGeometry;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Benchmark (not a test): one training step (forward + backward + Adam) of the generator from
 * {@link GeneratorFactory}, batch 1, scale 2, 3 channels, random inputs. The PyTorch anchor with
 * the same architecture and shapes is {@code scripts/bench/torch_generator.py}.
 *
 * <p>Usage: {@code TrainStepBench c p width repeats [scale]}; 2 warm-up steps, then
 * {@code repeats} timed steps; prints the median seconds per step and VmHWM (peak RSS of this
 * JVM, so run one case per JVM).
 */
public final class TrainStepBench {

    private TrainStepBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: TrainStepBench c p width repeats [scale]");
            System.exit(2);
        }
        int c = Integer.parseInt(args[0]);
        int p = Integer.parseInt(args[1]);
        int width = Integer.parseInt(args[2]);
        int repeats = Integer.parseInt(args[3]);
        int scale = args.length > 4 ? Integer.parseInt(args[4]) : 2;

        GeneratorSpec g = new GeneratorSpec(scale, width, false, 0);
        GeneratorGeometry geo = new GeneratorGeometry(scale, c, p);
        TrainSpec t = TrainSpec.of(1, 1, 1).withValidationTiles(1);
        ComputationGraph graph = GeneratorFactory.build(g, geo, t);

        int ch = g.channels();
        int in = geo.inputSide();
        int out = geo.outputSide();
        Nd4j.getRandom().setSeed(1);
        INDArray lr = Nd4j.randn(DataType.FLOAT, 1, ch, in, in, in);
        INDArray tri = Nd4j.randn(DataType.FLOAT, 1, ch, out, out, out);
        INDArray target = Nd4j.randn(DataType.FLOAT, 1, ch, out, out, out);
        MultiDataSet ds = new MultiDataSet(new INDArray[]{lr, tri}, new INDArray[]{target});

        System.out.printf("dl4j input %d^3 -> output %d^3 width %d, params %d, OMP_NUM_THREADS=%s%n",
                in, out, width, graph.numParams(), System.getenv("OMP_NUM_THREADS"));
        for (int i = 0; i < 2; i++) {
            graph.fit(ds);
        }
        double[] times = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            graph.fit(ds);
            times[i] = (System.nanoTime() - t0) / 1e9;
            System.out.printf("step %d: %.4f s (score %.4f)%n", i, times[i], graph.score());
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        double median = repeats % 2 == 1 ? sorted[repeats / 2]
                : 0.5 * (sorted[repeats / 2 - 1] + sorted[repeats / 2]);
        System.out.printf("median_s_per_step=%.4f peak_rss_mib=%d%n", median, vmHwmKib() / 1024);
    }

    /** VmHWM of this process in KiB, or -1 where /proc is unavailable. */
    private static long vmHwmKib() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
