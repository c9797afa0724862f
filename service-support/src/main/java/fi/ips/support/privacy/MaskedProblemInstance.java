package fi.ips.support.privacy;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.net.URI;

/**
 * A problem's {@code instance} is the request's path, which Spring MVC fills in; a path holding a
 * personal identity code (refused by {@link PersonalDataGuard}) would echo it back. Such a path is
 * answered with the code masked.
 */
@ControllerAdvice
public class MaskedProblemInstance implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && problem.getInstance() != null) {
            String path = problem.getInstance().getRawPath();
            String shown = PersonalIdentityCodes.maskedPath(path);
            if (!shown.equals(path)) {
                problem.setInstance(URI.create(shown));
            }
        }
        return body;
    }
}
