package org.sightline.web.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import javax.ws.rs.ext.ContextResolver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import org.sightline.core.InvalidParameterException;

/**
 * Request bodies bound to records ({@link org.sightline.web.internal.dto.Requests}) as strictly as the API has
 * always read them: an unknown field, or a value of the wrong JSON type (a number for a string, {@code "true"}
 * for a boolean, {@code 1.5} for a whole number), is refused with a 400 naming the field, never coerced and never
 * a 500. Jersey uses {@link #MAPPER} for every JSON body it reads and writes; {@link Problems} turns a binding
 * failure into the problem through {@link #problem}.
 */
final class JsonBodies implements ContextResolver<ObjectMapper> {
    /** The API's JSON mapper. */
    static final ObjectMapper MAPPER = strict();

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return MAPPER;
    }

    private static ObjectMapper strict() {
        ObjectMapper m = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        // a value is taken only in its own JSON type: no string from a number, boolean from "true" or 1, etc.
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Collection).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return m;
    }

    /**
     * The field a request body's binding failure is about, as the 400 the API answers with; {@code null} when
     * the failure is not a body that does not fit its record (malformed JSON, or a response that could not be
     * written, which stays a 500).
     */
    static InvalidParameterException problem(JsonProcessingException e) {
        if (e instanceof JsonMappingException w && w.getCause() instanceof InputCoercionException && field(w) != null) {
            return new InvalidParameterException(field(w), field(w) + " must be a whole number (it is out of range)");
        }
        if (!(e instanceof MismatchedInputException m)) {
            return null;
        }
        String field = field(m);
        if (m instanceof UnrecognizedPropertyException u) {
            Collection<Object> known = u.getKnownPropertyIds();
            return new InvalidParameterException(u.getPropertyName(), "unknown field; known fields are "
                    + (known == null ? List.of() : new TreeSet<>(known.stream().map(String::valueOf).toList())));
        }
        if (field == null) {
            return new InvalidParameterException("body", "the request body must be a JSON object");
        }
        Class<?> target = m.getTargetType();
        String must;
        if (target == null) {
            must = " has the wrong type";
        } else if (target == String.class) {
            must = " must be a string";
        } else if (target == Boolean.class || target == boolean.class) {
            must = " must be true or false";
        } else if (target == Long.class || target == long.class || target == Integer.class || target == int.class) {
            must = " must be a whole number";
        } else if (target.isArray()) {
            must = " must be a list";
        } else if (Collection.class.isAssignableFrom(target)) {
            must = " must be a list of strings";
        } else if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            must = " must be a JSON object";
        } else {
            must = " has the wrong type";
        }
        return new InvalidParameterException(field, field + must);
    }

    /** The innermost named field of the failure's path, or {@code null} for the body itself. */
    private static String field(JsonMappingException m) {
        List<JsonMappingException.Reference> path = m.getPath();
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i).getFieldName() != null) {
                return path.get(i).getFieldName();
            }
        }
        return null;
    }
}
