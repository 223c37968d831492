package org.loupe.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loupe.particles.Particles;
import org.loupe.testing.Catalogues;
import org.loupe.testing.Python;
import org.loupe.testing.ExternalTools;

/** Snapshots Loupe writes are read unchanged by h5py (as Pylians' readgadget does) and h5dump. */
@ExternalTools
class H5pyInteropTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "files={0} gzip={1}")
    @CsvSource({"1,0", "3,5"})
    void h5pyReadsEveryValue(int files, int gzip) throws IOException {
        Python.requireH5py();
        Particles p = Catalogues.uniform(3000, 75.0, 3);
        List<Path> written = SnapshotWriter.write(dir.resolve("sr.hdf5"), p,
                new SnapshotMeta(2.0, 0.31, 0.69, 0.68, "{}"), WriteOptions.defaults().withFiles(files).withGzip(gzip));
        Path ref = Files.createDirectories(dir.resolve("ref"));
        writeFloats(ref.resolve("pos.f32"), p.positionsMpcH());
        writeFloats(ref.resolve("vel.f32"), p.velocitiesKmS());
        ByteBuffer ids = ByteBuffer.allocate(8 * p.count()).order(ByteOrder.LITTLE_ENDIAN);
        ids.asLongBuffer().put(p.ids());
        Files.write(ref.resolve("ids.i64"), ids.array());
        Files.writeString(ref.resolve("meta.txt"), "75.0 2.0\n");

        Python.Result r = Python.script(getClass(), "check_snapshot.py", dir, written.get(0).toString(), ref.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("OK"), r.output());

        Python.Result dump = Python.run(List.of("h5dump", "-H", written.get(0).toString()), 60);
        assertEquals(0, dump.exitCode(), dump.output());
        assertTrue(dump.output().contains("NumPart_Total"), dump.output());
    }

    private static void writeFloats(Path path, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        Files.write(path, b.array());
    }
}
