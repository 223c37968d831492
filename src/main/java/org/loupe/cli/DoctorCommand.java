package org.loupe.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.loupe.model.Backend;
import org.loupe.run.Json;

/** {@code loupe doctor}: backend, devices, and whether this build can run on them. */
@Command(name = "doctor", description = "Report the ND4J backend, devices and compute capability, and whether this build can run on them.")
final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> r = Backend.report();
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(r));
        } else {
            r.forEach((k, v) -> out.printf("%-12s %s%n", k, v));
        }
        return Boolean.TRUE.equals(r.get("canRun")) ? 0 : 5;
    }
}
