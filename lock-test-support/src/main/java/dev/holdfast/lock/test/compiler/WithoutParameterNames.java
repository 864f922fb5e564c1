package dev.holdfast.lock.test.compiler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles one Java source with the JDK's compiler and without {@code -parameters}, so that its methods' parameter
 * names are not in the class file, and loads the class in a class loader below the test's.
 */
public final class WithoutParameterNames {

    private WithoutParameterNames() {}

    /**
     * Compile and load a class.
     *
     * @param className the class's binary name, such as {@code com.example.Stock}
     * @param source the class's source
     * @param dependencies classes the source needs, whose class path entries (directories or jars) are given to the
     *     compiler
     * @return the loaded class
     * @throws IllegalStateException when the source does not compile, with the compiler's messages
     */
    public static Class<?> compile(String className, String source, Class<?>... dependencies) {
        try {
            Path root = Files.createTempDirectory("holdfast-without-parameter-names");
            Path file = root.resolve(className.replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source);
            String classPath = Arrays.stream(dependencies)
                    .map(WithoutParameterNames::location)
                    .distinct()
                    .collect(Collectors.joining(java.io.File.pathSeparator));
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream messages = new ByteArrayOutputStream();
            int status = compiler.run(
                    null,
                    messages,
                    messages,
                    "-proc:none",
                    "-classpath",
                    classPath,
                    "-d",
                    root.toString(),
                    file.toString());
            if (status != 0) {
                throw new IllegalStateException("Test class " + className + " did not compile: " + messages);
            }
            ClassLoader parent = dependencies.length > 0
                    ? dependencies[0].getClassLoader()
                    : WithoutParameterNames.class.getClassLoader();
            URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, parent);
            return Class.forName(className, true, loader);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (ClassNotFoundException ex) {
            throw new IllegalStateException("Test class " + className + " compiled but cannot be loaded", ex);
        }
    }

    private static String location(Class<?> type) {
        try {
            return Paths.get(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException ex) {
            throw new IllegalStateException("Class path entry of " + type.getName() + " is not a path", ex);
        }
    }
}
