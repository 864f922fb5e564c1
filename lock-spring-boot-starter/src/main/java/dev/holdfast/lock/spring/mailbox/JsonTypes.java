package dev.holdfast.lock.spring.mailbox;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.AbstractDeserializer;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds, before the first call, a parameter or result type that cannot be read back from JSON: {@code Object} (or a
 * wildcard) carries no type, an interface or abstract class without type information has no concrete type, and a
 * class without a constructor Jackson can use cannot be created. Containers and {@code Optional} are checked through
 * their content.
 */
final class JsonTypes {

    private JsonTypes() {}

    /**
     * Check one type, adding a fault sentence for each part that cannot round-trip.
     *
     * @param mapper the application's mapper, with its modules and settings
     * @param what what the type is, such as {@code parameter order}
     * @param type the type
     * @param faults where faults are added
     */
    static void check(JsonMapper mapper, String what, JavaType type, List<String> faults) {
        String fault = fault(mapper, type);
        if (fault != null) {
            faults.add(what + " of type " + type.toCanonical() + " cannot round-trip through JSON: " + fault);
        }
    }

    private static @Nullable String fault(JsonMapper mapper, JavaType type) {
        if (type.isPrimitive() || type.isEnumType()) {
            return null;
        }
        if (type.isJavaLangObject()) {
            return "java.lang.Object (or a wildcard or unbound type variable) says nothing of what to read back; "
                    + "declare the concrete type";
        }
        if (type.isContainerType() || type.isReferenceType()) {
            if (type.getKeyType() != null) {
                String key = fault(mapper, type.getKeyType());
                if (key != null) {
                    return key;
                }
            }
            return (type.getContentType() != null) ? fault(mapper, type.getContentType()) : null;
        }
        ValueDeserializer<Object> deserializer;
        try {
            // The mapper's own lookup, as reading a frame would do it (a public method of Jackson 3's ObjectMapper)
            deserializer = mapper._deserializationContext().findRootValueDeserializer(type);
        } catch (RuntimeException ex) {
            return ex.getMessage();
        }
        if (deserializer instanceof AbstractDeserializer) {
            return type.getRawClass().getName() + " is "
                    + (type.isInterface() ? "an interface" : "abstract")
                    + " without type information, so no concrete type can be created (declare a concrete type, "
                    + "or annotate it with @JsonTypeInfo and @JsonSubTypes); a lambda cannot travel at all";
        }
        if (deserializer instanceof BeanDeserializerBase bean
                && !bean.getValueInstantiator().canInstantiate()) {
            return type.getRawClass().getName() + " has no constructor Jackson can use (make it a record, or give it "
                    + "a @JsonCreator or a no-argument constructor)";
        }
        return null;
    }
}
