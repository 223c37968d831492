package org.loupe.snapshot;

import java.nio.file.Path;
import java.util.List;

/**
 * What a snapshot's header says, converted to internal units.
 *
 * @param format detected code family
 * @param files the member files in order
 * @param numPartTotal particles per type over all files
 * @param boxMpcH box side, comoving Mpc/h
 * @param redshift z
 * @param scaleFactor a
 * @param omegaM Ω_m (NaN if absent)
 * @param omegaLambda Ω_Λ (NaN if absent)
 * @param hubble h (NaN if absent)
 * @param massTable mass per particle type in 1e10 Msun/h (0 = per-particle Masses dataset)
 * @param units how stored values convert to internal units
 */
public record SnapshotHeader(SnapshotFormat format, List<Path> files, long[] numPartTotal, double boxMpcH,
                             double redshift, double scaleFactor, double omegaM, double omegaLambda, double hubble,
                             double[] massTable, UnitSystem units) {

    public SnapshotHeader {
        files = List.copyOf(files);
    }

    /** Particles of {@code type} over all files (0 when the type is absent). */
    public long count(int type) {
        return type < numPartTotal.length ? numPartTotal[type] : 0;
    }

    /** Particle mass of {@code type} from the mass table, 1e10 Msun/h (0 when per-particle). */
    public double mass(int type) {
        return type < massTable.length ? massTable[type] : 0;
    }
}
