package fi.ips.support.privacy;

import fi.ips.support.problem.RuleViolationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * Refuses (422) any request whose body fields or path variables hold a Finnish personal identity
 * code, before anything is stored. The answer names the field, never the value.
 */
@ControllerAdvice
public class PersonalDataGuard extends RequestBodyAdviceAdapter implements HandlerInterceptor {

    static final String RULE = "no-personal-identity-code";

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return parameter.getParameterType().isRecord();
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        if (body != null) {
            // A JSON null is left to Spring MVC: it answers that the body is missing.
            checkFields(body);
        }
        return body;
    }

    /** Refuses a request record any of whose text fields holds a personal identity code. */
    public static void checkFields(Object record) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getType() == String.class) {
                try {
                    Method accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    check(component.getName(), (String) accessor.invoke(record));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables instanceof Map<?, ?> map) {
            map.forEach((name, value) -> check(String.valueOf(name), String.valueOf(value)));
        }
        return true;
    }

    /** Refuses a value, named {@code field} in the answer, that holds a personal identity code. */
    public static void check(String field, String value) {
        if (PersonalIdentityCodes.containsOne(value)) {
            throw RuleViolationException.unprocessable(RULE, field,
                    field + " must not hold a personal identity code: use a pseudonymous id");
        }
    }
}
