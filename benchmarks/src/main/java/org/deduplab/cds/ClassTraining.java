package org.deduplab.cds;

import java.io.File;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The training run behind the forks' class-data sharing archive: loads (without initialising) every
 * class a fork may need from the benchmarks jar, the lab's own, JMH's and each system's client
 * stack, so that the JVM can write them into a dynamic CDS archive at exit
 * ({@code -XX:ArchiveClassesAtExit}). Classes that cannot load here (optional dependencies that are
 * not in the jar) are skipped.
 */
public final class ClassTraining {
    /** The packages whose classes a fork loads: the lab, JMH, the drivers and clients, and what they stand on. */
    static final List<String> PACKAGES = List.of(
            "org/deduplab/",
            "org/openjdk/jmh/",
            "org/postgresql/",
            "org/mariadb/",
            "com/zaxxer/",
            "io/lettuce/",
            "io/netty/",
            "reactor/",
            "io/minio/",
            "okhttp3/",
            "okio/",
            "kotlin/",
            "com/fasterxml/jackson/",
            "com/github/luben/",
            "net/openhft/",
            "org/slf4j/",
            "ch/qos/logback/",
            "com/google/common/",
            "org/apache/commons/");

    private ClassTraining() {}

    public static void main(String[] args) throws Exception {
        String jar = System.getProperty("java.class.path");
        ClassLoader loader = ClassTraining.class.getClassLoader();
        int loaded = 0;
        int skipped = 0;
        try (JarFile f = new JarFile(new File(jar))) {
            for (Enumeration<JarEntry> e = f.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (!name.endsWith(".class")
                        || name.contains("-")
                        || PACKAGES.stream().noneMatch(name::startsWith)) {
                    continue;
                }
                try {
                    Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                    loaded++;
                } catch (Throwable t) { // NoClassDefFoundError, VerifyError...: not a class a fork can use
                    skipped++;
                }
            }
        }
        System.out.println("loaded " + loaded + " classes, skipped " + skipped);
    }
}
