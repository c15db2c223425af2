package io.devopscli.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * An endpoint lacking epoch timestamps (EndpointCapabilities.Gap.EPOCH_TIMESTAMPS) answers CodeCommit
 * and CodePipeline (JSON protocols) with quoted ISO-8601 date-times where AWS sends epoch seconds, and the SDK then fails with "Input timestamp string must be no longer than 20
 * characters". This rewrites such strings to epoch seconds in the response body. It is installed only
 * where that gap is; real AWS never needs it.
 */
final class IsoTimestampFix implements ExecutionInterceptor {
    private static final Pattern ISO_DATE_TIME = Pattern.compile(
            "\"(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2})?)\"");

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        if (body.isEmpty()) {
            return body;
        }
        try (InputStream in = body.get()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Optional.of(new ByteArrayInputStream(rewrite(text).getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String rewrite(String json) {
        Matcher m = ISO_DATE_TIME.matcher(json);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(epochSeconds(m.group(1)).orElse(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Optional<String> epochSeconds(String iso) {
        try {
            double seconds;
            if (iso.endsWith("Z") || iso.matches(".*[+-]\\d{2}:\\d{2}$")) {
                OffsetDateTime t = OffsetDateTime.parse(iso);
                seconds = t.toEpochSecond() + t.getNano() / 1e9;
            } else {
                LocalDateTime t = LocalDateTime.parse(iso);
                seconds = t.toEpochSecond(ZoneOffset.UTC) + t.getNano() / 1e9;
            }
            return Optional.of(String.format(java.util.Locale.ROOT, "%.3f", seconds));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
