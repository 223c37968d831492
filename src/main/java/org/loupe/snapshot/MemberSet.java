package org.loupe.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.exceptions.HdfException;

import org.loupe.FormatException;

/**
 * The members of a multi-file snapshot are different parts of one snapshot: no member is another
 * member (a copy or a link: its particles would be counted twice, and P(k) would be too high at
 * low k), and members that Loupe wrote agree on where they came from (the same LR input and model,
 * seed and parts count; member I is part I). Headers are compared by
 * {@link HeaderParser#requireMembersAgree}.
 */
final class MemberSet {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MemberSet() {
    }

    static void requireDistinct(List<Path> files, long[] numPartTotal) {
        if (files.size() < 2) {
            return;
        }
        requireDistinctFiles(files);
        requireDistinctParticles(files, numPartTotal);
        requireSameProvenance(files);
    }

    /** Two names of one file (a link, or the same path twice). */
    private static void requireDistinctFiles(List<Path> files) {
        Map<Object, Path> byKey = new HashMap<>();
        for (Path f : files) {
            Object key;
            try {
                key = Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
                if (key == null) {
                    key = f.toRealPath();
                }
            } catch (IOException e) {
                throw new FormatException(f + ": cannot read the member file's attributes (" + e.getMessage() + ")");
            }
            Path seen = byKey.putIfAbsent(key, f);
            if (seen != null) {
                throw duplicate(f, seen, "is the same file as");
            }
        }
    }

    /**
     * A copied member: the first particle ID of each type is unique to its member in a snapshot
     * (IDs are unique), so two members that start with the same ID hold the same particles.
     * Reads one ID per member and type, not the members.
     */
    private static void requireDistinctParticles(List<Path> files, long[] numPartTotal) {
        for (int type = 0; type < numPartTotal.length; type++) {
            if (numPartTotal[type] == 0) {
                continue;
            }
            Map<Long, Path> byFirstId = new HashMap<>();
            for (Path f : files) {
                Long id = firstId(f, type);
                if (id == null) {
                    continue;
                }
                Path seen = byFirstId.putIfAbsent(id, f);
                if (seen != null) {
                    throw duplicate(f, seen, "holds the same particles (first ID " + id + " of type " + type + ") as");
                }
            }
        }
    }

    private static FormatException duplicate(Path member, Path other, String what) {
        return new FormatException(member + ": member " + what + " " + other.getFileName()
                + ": a duplicated member of a multi-file snapshot (its particle IDs would be counted twice);"
                + " replace it with the member it stands for");
    }

    private static Long firstId(Path file, int type) {
        try (HdfFile hdf = SnapshotReader.openHdf(file)) {
            long count = Snapshot.memberCount(hdf, file, type);
            if (count == 0) {
                return null;
            }
            Group part = HeaderParser.group(hdf, "PartType" + type);
            if (part == null || !(part.getChildren().get("ParticleIDs") instanceof Dataset ds)) {
                return null; // the full read names what is missing
            }
            long[] one = new long[1];
            DatasetReader.readLongRows(ds, file, hdf.getUserBlockSize(), 0, 1, one);
            return one[0];
        } catch (HdfException e) {
            throw SnapshotReader.unreadable(file, e);
        }
    }

    /** What must agree between the members of one {@code upscale --parts} set (item: LR, model, seed, parts). */
    private record Origin(String command, List<String> inputs, String seed, String parts) {
    }

    private static void requireSameProvenance(List<Path> files) {
        Origin first = null;
        Path firstFile = null;
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            JsonNode prov = provenance(f);
            Origin o = prov == null ? null : origin(prov);
            if (i == 0) {
                first = o;
                firstFile = f;
            } else if ((first == null) != (o == null)) {
                throw foreign(f, firstFile, o == null ? "carries no Loupe provenance" : "carries Loupe provenance");
            } else if (o != null) {
                if (!o.inputs().equals(first.inputs())) {
                    throw foreign(f, firstFile, "was made from other inputs (sha256 " + o.inputs() + " vs " + first.inputs() + ")");
                }
                if (!o.command().equals(first.command()) || !o.seed().equals(first.seed()) || !o.parts().equals(first.parts())) {
                    throw foreign(f, firstFile, "was made by another run (command " + o.command() + ", seed " + o.seed()
                            + ", parts " + o.parts() + " vs " + first.command() + ", " + first.seed() + ", " + first.parts() + ")");
                }
            }
            JsonNode part = prov == null ? null : prov.path("config").get("part");
            if (part != null && part.isNumber() && part.asInt() != i) {
                throw new FormatException(f + ": member " + i + " of the multi-file snapshot says it is part " + part.asInt()
                        + " (its provenance): a renamed or misplaced member; name member I OUT.I.hdf5");
            }
        }
    }

    private static FormatException foreign(Path member, Path first, String what) {
        return new FormatException(member + ": this member " + what + ", compared with " + first.getFileName()
                + "; the members of one multi-file snapshot must come from the same LR"
                + " input, model, seed and parts count: rerun the odd member with the others' inputs");
    }

    private static Origin origin(JsonNode prov) {
        java.util.ArrayList<String> inputs = new java.util.ArrayList<>();
        for (JsonNode in : prov.path("inputs")) {
            String sha = in.path("sha256").asText("");
            inputs.add(sha.length() > 12 ? sha.substring(0, 12) : sha); // enough to tell files apart in one line
        }
        return new Origin(prov.path("command").asText(""), inputs, prov.path("seed").toString(),
                prov.path("config").path("parts").toString());
    }

    /** A member's /Loupe provenance, or null when it has none or it is not JSON (a foreign file). */
    private static JsonNode provenance(Path file) {
        try (HdfFile hdf = SnapshotReader.openHdf(file)) {
            var node = hdf.getChildren().get("Loupe");
            if (node == null || node.getAttribute("provenance") == null) {
                return null;
            }
            String s = String.valueOf(node.getAttribute("provenance").getData());
            try {
                return JSON.readTree(s);
            } catch (IOException e) {
                return null;
            }
        } catch (HdfException e) {
            throw SnapshotReader.unreadable(file, e);
        }
    }
}
