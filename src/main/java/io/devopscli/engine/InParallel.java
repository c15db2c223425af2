package io.devopscli.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Starts independent calls for one resource at the same time (a bucket's versioning, encryption and
 * lifecycle reads or writes; a role and its policy), so a resource that takes several calls costs one
 * round trip; or the same read of every region, environment or health check at once (each). The calls
 * run on their own pool: they are leaves that never wait for the engine, so they cannot hold up the node
 * pool.
 */
public final class InParallel {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "devops-cli-read");
        t.setDaemon(true);
        return t;
    });

    private InParallel() {
    }

    /** Starts the call now; get() waits for it and rethrows what it threw. */
    public static <T> Supplier<T> start(Supplier<T> call) {
        CompletableFuture<T> pending = CompletableFuture.supplyAsync(call, POOL);
        return () -> {
            try {
                return pending.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw e;
            }
        };
    }

    /**
     * Reads every key at once and answers in the keys' order (each key once): the wait is the slowest
     * read, not their sum. What a read throws is rethrown, as by start.
     */
    public static <K, V> Map<K, V> each(List<K> keys, Function<K, V> read) {
        Map<K, Supplier<V>> pending = new LinkedHashMap<>();
        for (K key : keys) {
            pending.put(key, start(() -> read.apply(key)));
        }
        Map<K, V> answers = new LinkedHashMap<>();
        pending.forEach((key, answer) -> answers.put(key, answer.get()));
        return answers;
    }
}
