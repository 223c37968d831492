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

    @Option(names = "--threads", paramLabel = "T", converter = Ranges.Threads.class,
            description = "Worker threads, 1 to 4096 (default: config, else all processors).")
    Integer threads;

    RunConfig runConfig() {
        return config == null ? RunConfig.empty() : ConfigLoader.load(config, RunConfig.class);
    }

    int threads(RunConfig rc) {
        return threads != null && threads > 0 ? threads : rc.threadsOrDefault();
    }

    /** The run's name: the config's {@code name}, else the config file's stem. */
    String runName(RunConfig rc) {
        return rc.name() != null ? rc.name()
                : config != null ? config.getFileName().toString().replaceFirst("\\.ya?ml$", "") : "run";
    }

    /** The run folder: {@code out} if given, else runs/&lt;run name&gt;; created. */
    Path runDir(RunConfig rc, Path out, String command) throws java.io.IOException {
        Path dir = out != null ? out : Path.of("runs", runName(rc));
        Outputs.checkFolder(dir);   // a file in the way, or no permission: one line, exit 3
        Outputs.notAnotherCommandsFolder(dir, command);
        return org.loupe.Leftovers.createFolders(dir);
    }

    ReadOptions readOptions(RunConfig rc) {
        return rc.snapshot() == null ? ReadOptions.defaults() : rc.snapshot().toReadOptions();
    }
}
