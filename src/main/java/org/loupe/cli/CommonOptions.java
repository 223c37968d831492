package org.loupe.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

import org.loupe.run.ConfigLoader;
import org.loupe.run.RunConfig;
import org.loupe.snapshot.ReadOptions;

/** Options every data command takes: a config for overrides and a thread count. */
final class CommonOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config (see configs/); its snapshot: section overrides detected units.")
    Path config;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: config, else all processors).")
    Integer threads;

    RunConfig runConfig() {
        return config == null ? new RunConfig(null, null, null, null, null, null, null, null, null, null) : ConfigLoader.load(config, RunConfig.class);
    }

    int threads(RunConfig rc) {
        return threads != null && threads > 0 ? threads : rc.threadsOrDefault();
    }

    ReadOptions readOptions(RunConfig rc) {
        return rc.snapshot() == null ? ReadOptions.defaults() : rc.snapshot().toReadOptions();
    }
}
