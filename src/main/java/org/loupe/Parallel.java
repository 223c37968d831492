package org.loupe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;


/**
 * Runs independent tasks 0..count−1 on a fixed number of threads. Kernels split their work into
 * tasks whose results do not depend on which thread runs them, so outputs are identical for any
 * thread count.
 */
public final class Parallel {

    private Parallel() {
    }

    /** Default thread count: the available processors (respects container limits). */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** Calls {@code task.accept(t)} for t in [0, count) using up to {@code threads} threads. */
    public static void forEach(int count, int threads, IntConsumer task) {
        int workers = Math.max(1, Math.min(threads, count));
        if (workers == 1) {
            for (int t = 0; t < count; t++) {
                task.accept(t);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread th = new Thread(r, "loupe-kernel");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(count);
            for (int t = 0; t < count; t++) {
                final int id = t;
                futures.add(pool.submit(() -> task.accept(id)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoupeException("interrupted while running a parallel kernel", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;   // e.g. OutOfMemoryError: the CLI reports it as such
            }
            throw new LoupeException("parallel kernel failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
