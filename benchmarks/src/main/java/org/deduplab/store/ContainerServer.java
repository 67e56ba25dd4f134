package org.deduplab.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.testcontainers.containers.GenericContainer;

/**
 * A system's server in a container, for machines with Docker: a pinned image (a result names the
 * exact server it measured), how to configure it with a password, where its data directory is inside
 * the image, and the endpoint of a started container ({@code usesPassword} false for servers that run
 * without authentication, such as a single insecure CockroachDB node).
 *
 * @param <C> the Testcontainers class, so the endpoint reads the container's own accessors
 */
public record ContainerServer<C extends GenericContainer<?>>(
        String image,
        String dataDir,
        BiFunction<String, Optional<String>, C> create,
        BiFunction<C, String, String> url,
        Function<C, String> user,
        boolean usesPassword) {

    /** A container for this system with {@code password}, configured but not started. */
    public C newContainer(String password) {
        return create.apply(password, Optional.empty());
    }

    /** A container configured for a variant that needs a server of its own ({@link Variant#ownServer()}). */
    public C newContainer(String password, Optional<String> variant) {
        return create.apply(password, variant);
    }

    /** The endpoint of a started container: URL, credentials, and where forks find its data directory. */
    public Endpoint endpoint(String system, C c, String password) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("image", image);
        settings.put(ServerFiles.CONTAINER_ID, c.getContainerId());
        settings.put(ServerFiles.CONTAINER_DATA_DIR, dataDir);
        return new Endpoint(
                system,
                ServerMode.CONTAINER,
                url.apply(c, password),
                user.apply(c),
                usesPassword ? password : "",
                null,
                settings);
    }
}
