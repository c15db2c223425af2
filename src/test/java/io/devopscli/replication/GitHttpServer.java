package io.devopscli.replication;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.ReceivedPackStatistics;

/**
 * Real git repositories served over smart HTTP on loopback: JGit's own GitServlet (the reference server
 * implementation) on an embedded Jetty, behind Basic authentication that rejects wrong credentials. It
 * records how many objects each push delivered (the received pack's statistics), so tests can prove an
 * incremental push sends only new objects.
 *
 * <p>The emulator's CodeCommit has repository metadata but no git, so this is the most real git server
 * the tests can reach without network access: same protocol, same credential check, no CodeCommit.
 */
public final class GitHttpServer implements AutoCloseable {
    public static final String USER = "mirror";
    public static final String PASSWORD = "s3cret/with+chars";

    private final Path root;
    private final Server server;
    private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> pushes = new ConcurrentHashMap<>();
    private final AtomicInteger rejectedLogins = new AtomicInteger();

    private GitHttpServer(Path root) throws Exception {
        this.root = root;
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler("/");
        GitServlet git = new GitServlet();
        git.setRepositoryResolver((request, name) -> {
            Repository repo = repositories.get(name);
            if (repo == null) {
                throw new RepositoryNotFoundException(name);
            }
            repo.incrementOpen(); // the servlet closes it after each request
            return repo;
        });
        git.setReceivePackFactory((request, db) -> {
            ReceivePack pack = new ReceivePack(db);
            String name = nameOf(db);
            pack.setPostReceiveHook((rp, commands) -> record(name, rp.getReceivedPackStatistics()));
            return pack;
        });
        context.addServlet(new ServletHolder(git), "/*");
        context.addFilter(new FilterHolder(new BasicAuth()), "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
    }

    public static GitHttpServer start(Path root) throws Exception {
        return new GitHttpServer(root);
    }

    /** A new empty bare repository served at /NAME (NAME may contain slashes, e.g. us-east-2/app-repo). */
    public Repository create(String name) throws IOException {
        Repository repo = new FileRepositoryBuilder().setGitDir(root.resolve(name + ".git").toFile()).setBare().build();
        repo.create(true);
        StoredConfig config = repo.getConfig();
        config.setBoolean("receive", null, "autogc", false); // no background gc racing the test's cleanup
        config.save();
        repositories.put(name, repo);
        return repo;
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** The base URL of a folder of repositories, with the good credentials in it. */
    public URI baseUrl(String folder) {
        return URI.create("http://" + USER + ":" + encoded(PASSWORD) + "@127.0.0.1:" + port() + "/" + folder);
    }

    /** The base URL of a folder with a wrong password. */
    public URI baseUrlWithWrongPassword(String folder) {
        return URI.create("http://" + USER + ":wrong@127.0.0.1:" + port() + "/" + folder);
    }

    public URI url(String name) {
        return URI.create("http://127.0.0.1:" + port() + "/" + name);
    }

    /** Objects received by each push to the repository, in order (0 for a push that only deleted refs). */
    public List<Long> pushes(String name) {
        return List.copyOf(pushes.getOrDefault(name, List.of()));
    }

    public int rejectedLogins() {
        return rejectedLogins.get();
    }

    private void record(String name, ReceivedPackStatistics stats) {
        long objects = stats == null ? 0 : stats.getNumWholeCommit() + stats.getNumWholeTree() + stats.getNumWholeBlob()
                + stats.getNumWholeTag() + stats.getNumOfsDelta() + stats.getNumRefDelta();
        pushes.computeIfAbsent(name, n -> java.util.Collections.synchronizedList(new ArrayList<>())).add(objects);
    }

    private String nameOf(Repository db) {
        return repositories.entrySet().stream().filter(e -> e.getValue().getDirectory().equals(db.getDirectory()))
                .map(Map.Entry::getKey).findFirst().orElse(db.getDirectory().getName());
    }

    private static String encoded(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        server.stop();
        repositories.values().forEach(Repository::close);
    }

    /** Basic authentication: no header gets the challenge; a wrong one is counted and refused. */
    private final class BasicAuth implements Filter {
        private final String expected = "Basic " + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest request = (HttpServletRequest) req;
            HttpServletResponse response = (HttpServletResponse) res;
            String header = request.getHeader("Authorization");
            if (expected.equals(header)) {
                chain.doFilter(new HttpServletRequestWrapper(request) {
                    @Override
                    public String getRemoteUser() {
                        return USER;
                    }
                }, res);
                return;
            }
            if (header != null) {
                rejectedLogins.incrementAndGet();
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        }
    }
}
