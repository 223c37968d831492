package org.loupe.stats;

import org.loupe.ConfigException;

/**
 * Settings of the friends-of-friends halo finder.
 *
 * @param linkingFactor b: the linking length in units of the mean interparticle spacing L / N^(1/3)
 *                      (0.2 is the usual choice and GADGET-4's {@code FOF_LINKLENGTH} default)
 * @param minMembers smallest number of particles a group must have to be kept (GADGET-4's
 *                   {@code FOF_GROUP_MIN_LEN} default is 32)
 */
public record FofSpec(double linkingFactor, int minMembers) {

    public FofSpec {
        if (!(linkingFactor > 0) || linkingFactor >= 1) {
            throw new ConfigException("FoF linking factor b must lie in (0, 1) mean spacings, got " + linkingFactor
                    + " (0.2 is the usual choice)");
        }
        if (minMembers < 1) {
            throw new ConfigException("FoF minimum group size must be at least 1 particle, got " + minMembers);
        }
    }

    /** b = 0.2, at least 20 particles. */
    public static FofSpec defaults() {
        return new FofSpec(0.2, 20);
    }

    /** GADGET-4's defaults: b = 0.2, at least 32 particles. */
    public static FofSpec gadget4() {
        return new FofSpec(0.2, 32);
    }

    public FofSpec withMinMembers(int n) {
        return new FofSpec(linkingFactor, n);
    }
}
