package dev.holdfast.lock.support;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.SpringAsmInfo;
import org.springframework.asm.Type;

/**
 * Finds, in the byte code of a bean class and its superclasses, the calls its methods make to its own guarded methods
 * on {@code this}: such a call goes to the object itself rather than through the Spring proxy, so the annotation does
 * nothing. Calls through a reference to the bean (its own proxy injected into a field, say), from bridge methods, and
 * an override's call of the method it overrides ({@code super.run()}) are left out.
 */
final class SelfInvocations {

    private static final Logger logger = LoggerFactory.getLogger(SelfInvocations.class);

    private SelfInvocations() {}

    /**
     * Return the self-invocations of guarded methods, one {@code caller -> callee} pair each.
     *
     * @param targetClass the bean class
     * @param guarded the annotated methods of the class
     * @return the calls, in the order found
     */
    static List<Call> find(Class<?> targetClass, Collection<Method> guarded) {
        Map<String, Method> byKey = new HashMap<>();
        for (Method method : guarded) {
            byKey.put(method.getName() + Type.getMethodDescriptor(method), method);
        }
        Set<String> owners = new HashSet<>();
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> type = targetClass;
                type != null && type != Object.class && !type.getName().startsWith("java.");
                type = type.getSuperclass()) {
            owners.add(Type.getInternalName(type));
            hierarchy.add(type);
        }
        List<Call> calls = new ArrayList<>();
        for (Class<?> type : hierarchy) {
            ClassReader reader = reader(type);
            if (reader != null) {
                reader.accept(
                        new Scanner(type, owners, byKey, calls), ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            }
        }
        return calls;
    }

    private static @Nullable ClassReader reader(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        if (loader == null) {
            return null;
        }
        try (InputStream bytes = loader.getResourceAsStream(Type.getInternalName(type) + ".class")) {
            return (bytes != null) ? new ClassReader(bytes) : null;
        } catch (IOException | RuntimeException ex) {
            logger.debug("Could not read the byte code of {} to look for self-invocations", type.getName(), ex);
            return null;
        }
    }

    /**
     * One call of a guarded method from a method of the same class.
     *
     * @param declaringClass the class whose method makes the call
     * @param caller the calling method's name
     * @param callee the guarded method called
     */
    record Call(Class<?> declaringClass, String caller, Method callee) {}

    private static final class Scanner extends ClassVisitor {

        private final Class<?> type;

        private final Set<String> owners;

        private final Map<String, Method> guarded;

        private final List<Call> calls;

        Scanner(Class<?> type, Set<String> owners, Map<String, Method> guarded, List<Call> calls) {
            super(SpringAsmInfo.ASM_VERSION);
            this.type = type;
            this.owners = owners;
            this.guarded = guarded;
            this.calls = calls;
        }

        @Override
        public @Nullable MethodVisitor visitMethod(
                int access,
                String name,
                String descriptor,
                @Nullable String signature,
                String @Nullable [] exceptions) {
            if ((access & Opcodes.ACC_BRIDGE) != 0) {
                return null;
            }
            String callerKey = name + descriptor;
            return new ReceiverTracker((access & Opcodes.ACC_STATIC) == 0) {
                @Override
                void call(String owner, String callee, String calleeDescriptor, boolean onThis) {
                    String key = callee + calleeDescriptor;
                    Method method = guarded.get(key);
                    if (method != null && onThis && owners.contains(owner) && !key.equals(callerKey)) {
                        calls.add(new Call(type, name, method));
                    }
                }
            };
        }
    }
}
