package org.imsajames.webadmin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class UploadBodyJsonTest {
    private static final String KEY_MATERIAL = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";

    @Test
    void malformedJsonIsRefusedWithWhereButNeverWhatItHeld() {
        for (String body : new String[] {"{\"privateKey\": " + KEY_MATERIAL + "}",
            "{\"privateKey\": \"" + KEY_MATERIAL + "\", " + KEY_MATERIAL + "}", KEY_MATERIAL}) {
            ApiError error = catchThrowableOfType(() -> UploadBody.json(new ObjectMapper(), body.getBytes(UTF_8)),
                ApiError.class);
            assertThat(error).as(body).isNotNull();
            assertThat(error.status()).isEqualTo(400);
            assertThat(error.getMessage()).startsWith("malformed JSON at line 1, column ")
                .doesNotContain(KEY_MATERIAL.substring(0, 8));
        }
    }
}
