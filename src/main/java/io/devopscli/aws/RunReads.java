package io.devopscli.aws;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What one run reads once and every region's clients share:
 * - the account of the run's credentials (STS GetCallerIdentity): the preflight's answer when it had
 *   one, else the first region to need it asks. One set of credentials signs every region's calls,
 *   from one credentials provider.
 * - reads of global services (IAM roles, the Route 53 zone) made while planning: every region's graph
 *   needs the same answer, so one query serves them all. They belong to one plan: a plan made again
 *   (up plans again under the lock) starts with newPlan(), as each region's memo starts fresh with its
 *   graph. Clients made outside a session (tests, tools) share nothing: each region's graph reads alone.
 */
public final class RunReads {
    private final boolean shared;
    private String account;
    private software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials;
    private volatile Memo plan = new Memo();

    private RunReads(boolean shared) {
        this.shared = shared;
    }

    /** For the clients of every region of one run (Session). */
    public static RunReads shared() {
        return new RunReads(true);
    }

    /** For clients of their own: global reads stay per region graph. */
    public static RunReads ofOneClient() {
        return new RunReads(false);
    }

    /** The preflight's answer (or any other GetCallerIdentity the run made). */
    public synchronized void learnedAccount(String id) {
        if (account == null && id != null && !id.isEmpty()) {
            account = id;
        }
    }

    /** The account id, from what was learned or one GetCallerIdentity through these clients. */
    public synchronized String accountId(AwsClients clients) {
        if (account == null) {
            account = AwsCall.call(() -> clients.sts().getCallerIdentity().account());
        }
        return account;
    }

    /**
     * The run's credentials provider, made once by the first client that needs it: one set of credentials
     * signs every region's calls (see the account above), and each provider of the default chain reads
     * the profile files and caches what it resolved on its own.
     */
    public synchronized software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials(
            Supplier<software.amazon.awssdk.auth.credentials.AwsCredentialsProvider> make) {
        if (credentials == null) {
            credentials = make.get();
        }
        return credentials;
    }

    /** Whether the regions' graphs share global reads (see class comment). */
    public boolean sharedAcrossRegions() {
        return shared;
    }

    /** Starts a new plan: graphs built from now on read global services again. */
    public void newPlan() {
        plan = new Memo();
    }

    /** The current plan's memo: a graph takes it once, when it first reads a global service. */
    public Memo currentPlan() {
        return plan;
    }

    /** Computes each value once, however many regions ask at the same time; a failure is not kept. */
    public static final class Memo {
        private final Map<String, CompletableFuture<Object>> values = new ConcurrentHashMap<>();

        @SuppressWarnings("unchecked")
        public <T> T get(String name, Supplier<T> supplier) {
            CompletableFuture<Object> mine = new CompletableFuture<>();
            CompletableFuture<Object> existing = values.putIfAbsent(name, mine);
            if (existing == null) {
                try {
                    mine.complete(supplier.get());
                } catch (RuntimeException e) {
                    values.remove(name, mine);
                    mine.completeExceptionally(e);
                    throw e;
                }
                return (T) mine.join();
            }
            try {
                return (T) existing.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
    }
}
