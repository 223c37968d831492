package org.loupe.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * What ND4J runs on: for provenance (one line) and for {@code loupe doctor} (a report with a
 * verdict). The CUDA build (nd4j-cuda-11.6) carries kernels for compute capabilities 3.7 to 8.6
 * and no PTX, so newer GPUs (Ada sm_89, Hopper sm_90) cannot run it: doctor says so instead of
 * letting the first kernel launch crash.
 */
public final class Backend {

    /** Highest compute capability the CUDA 11.6 build has kernels for, as major·10 + minor. */
    static final int MAX_SUPPORTED_CC = 86;

    private Backend() {
    }

    /** One line for provenance. */
    public static String describe() {
        try {
            String cls = Nd4j.getBackend().getClass().getSimpleName();
            Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
            return "ND4J " + cls + " (" + (Nd4j.getEnvironment().isCPU() ? "CPU" : "GPU") + ", " + env.getOrDefault("cores", "?")
                    + " cores, " + (oneDnn() ? "oneDNN" : "no oneDNN") + ")";
        } catch (RuntimeException | LinkageError e) {
            return "ND4J (backend unavailable: " + e.getMessage() + ")";
        }
    }

    /** A report of the backend and devices, and whether this build can train on them. */
    public static Map<String, Object> report() {
        Map<String, Object> r = new LinkedHashMap<>();
        try {
            Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
            boolean cpu = Nd4j.getEnvironment().isCPU();
            r.put("backend", Nd4j.getBackend().getClass().getName());
            r.put("kind", cpu ? "CPU" : "CUDA");
            r.put("oneDNN", oneDnn());
            r.put("cores", env.get("cores"));
            r.put("ompThreads", env.get("omp.threads"));
            r.put("blas", env.get("blas.vendor"));
            List<Map<String, Object>> devices = new ArrayList<>();
            boolean runnable = true;
            if (!cpu) {
                Object info = env.get("cuda.devicesInformation");
                if (info instanceof List<?> list) {
                    for (Object o : list) {
                        if (o instanceof Map<?, ?> m) {
                            int major = ((Number) m.get("cuda.deviceMajor")).intValue();
                            int minor = ((Number) m.get("cuda.deviceMinor")).intValue();
                            boolean ok = supports(major, minor);
                            runnable &= ok;
                            Map<String, Object> d = new LinkedHashMap<>();
                            d.put("name", m.get("cuda.deviceName"));
                            d.put("computeCapability", major + "." + minor);
                            d.put("totalMemory", m.get("cuda.totalMemory"));
                            d.put("supportedByThisBuild", ok);
                            devices.add(d);
                        }
                    }
                }
            }
            r.put("devices", devices);
            r.put("canRun", runnable);
            if (!runnable) {
                r.put("verdict", "this build's CUDA 11.6 kernels cover compute capability 3.7-8.6 only and carry no PTX;"
                        + " a device above 8.6 (e.g. H100/H200, sm_90) cannot run them. Use the default CPU build"
                        + " (mvn package without -Pcuda) or a GPU of compute capability <= 8.6 (V100, A100, RTX 30xx).");
            } else if (cpu && !oneDnn()) {
                r.put("verdict", "CPU backend without oneDNN: 3-D convolutions train ~20x slower. The generic nd4j-native"
                        + " binary was loaded; rebuild with the linux-x86_64-onednn-avx2 classifier (the pom's default).");
            } else {
                r.put("verdict", cpu ? "ok: CPU backend with oneDNN" : "ok: CUDA devices supported by this build");
            }
        } catch (RuntimeException | LinkageError e) {
            r.put("canRun", false);
            r.put("verdict", "ND4J could not start (" + e + "). On CPU the onednn-avx2 binary needs an x86-64 CPU with AVX2;"
                    + " on GPU the CUDA 11.6 runtime and a driver >= 510.");
        }
        return r;
    }

    /** Devices to train on: the GPUs ND4J sees with the CUDA backend, 1 on CPU. */
    public static int deviceCount() {
        try {
            return Nd4j.getEnvironment().isCPU() ? 1 : Math.max(1, Nd4j.getAffinityManager().getNumberOfDevices());
        } catch (RuntimeException | LinkageError e) {
            return 1;
        }
    }

    /** Whether the CUDA 11.6 build has kernels for compute capability major.minor. */
    public static boolean supports(int major, int minor) {
        int cc = major * 10 + minor;
        return cc >= 37 && cc <= MAX_SUPPORTED_CC;
    }

    static boolean oneDnn() {
        try {
            return NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
