package org.loupe.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.loupe.FormatException;
import org.loupe.mesh.SourceFile;

/** Content hashes of input files for provenance and manifests. */
public final class Sha256 {

    private Sha256() {
    }

    /** Hex SHA-256 of a file's bytes, streamed. */
    public static String of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            int r;
            while ((r = in.read(buf)) > 0) {
                md.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new FormatException(file + ": cannot read to hash it: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }


    /** Source records (path + hash) for a list of files. */
    public static List<SourceFile> sources(List<Path> files) {
        List<SourceFile> out = new ArrayList<>();
        for (Path f : files) {
            out.add(new SourceFile(f.toString(), of(f)));
        }
        return out;
    }
}
