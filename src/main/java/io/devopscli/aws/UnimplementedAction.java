package io.devopscli.aws;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An endpoint lacking JSON errors (EndpointCapabilities.Gap.JSON_ERRORS) answers an action it does not
 * implement (CodeCommit ListTagsForResource, UpdateRepositoryDescription; CodeBuild UpdateProject ...) with
 * an HTML "500 Internal Server Error" page. The SDK reads that as a server fault, which AwsCall retries for minutes. This turns such a
 * page into a JSON client error {@value #CODE} naming the operation, so the node fails at once and says
 * why, and a reconciler can recognise the gap. Installed only where that gap is, and only on
 * JSON-protocol clients: real AWS never answers HTML.
 */
public final class UnimplementedAction implements ExecutionInterceptor {
    public static final String CODE = "NotImplementedByEndpoint";

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        SdkHttpResponse response = context.httpResponse();
        if (!isHtmlServerError(response)) {
            return response;
        }
        return response.toBuilder().statusCode(400).statusText("Bad Request")
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .removeHeader("x-amzn-ErrorType").build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        if (!isHtmlServerError(context.httpResponse())) {
            return context.responseBody();
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String json = "{\"__type\":\"" + CODE + "\",\"message\":\"the endpoint does not implement " + operation
                + " (it answered HTTP 500 with an HTML page, as an emulator does for actions it lacks)\"}";
        return Optional.of(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    static boolean isHtmlServerError(SdkHttpResponse response) {
        return response.statusCode() == 500 && response.firstMatchingHeader("Content-Type")
                .map(type -> type.toLowerCase(java.util.Locale.ROOT).startsWith("text/html")).orElse(false);
    }

    /** Whether a failure is this rewritten answer: the endpoint lacks the action. */
    public static boolean isCause(Throwable e) {
        return e instanceof AwsFailure f ? CODE.equals(f.code()) : CODE.equals(AwsErrors.code(e));
    }
}
