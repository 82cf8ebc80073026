package org.imsajames.webadmin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MultipartUploadTest {
    private static final String TYPE = "multipart/form-data; boundary=b0undary";
    private static final String KEY = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";

    @Test
    void theFourPartsAreReadAsTheirBytesFilesAndFieldsAlike() throws Exception {
        byte[] der = {0x30, (byte) 0x82, 0x01, 0x00, 0x0d, 0x0a, 0x2d, 0x2d};
        Map<String, byte[]> parts = MultipartUpload.parts(TYPE, body(
            part("privateKey", "server key.pem", KEY.getBytes(UTF_8)),
            part("serverCertificate", "server.der", der),
            part("privateKeyPassword", null, "pässword".getBytes(UTF_8))));
        assertThat(parts.keySet()).containsExactly("privateKey", "serverCertificate", "privateKeyPassword");
        assertThat(new String(parts.get("privateKey"), UTF_8)).isEqualTo(KEY);
        assertThat(parts.get("serverCertificate")).isEqualTo(der);
        assertThat(new String(parts.get("privateKeyPassword"), UTF_8)).isEqualTo("pässword");
    }

    @Test
    void aFileInBase64IsDecodedAsInTheJsonForm() throws Exception {
        byte[] der = {0x30, (byte) 0x82, 0x01, 0x0a};
        Map<String, byte[]> parts = MultipartUpload.parts(TYPE, body(
            part("serverCertificate", "server.der", java.util.Base64.getMimeEncoder().encode(der))));
        assertThat(parts.get("serverCertificate")).isEqualTo(der);
    }

    @Test
    void unknownAndDuplicatePartsAreRefusedByName() {
        assertThat(refused(TYPE, body(part("privateKey", "k.pem", KEY.getBytes(UTF_8)),
            part("../../etc/passwd", "k.pem", KEY.getBytes(UTF_8)))))
            .startsWith("part 2 has an unknown name; expected privateKey").doesNotContain("etc");
        assertThat(refused(TYPE, body(part("privateKey", "a.pem", KEY.getBytes(UTF_8)),
            part("privateKey", "b.pem", KEY.getBytes(UTF_8)))))
            .isEqualTo("part privateKey is sent twice; send each part once");
    }

    @Test
    void oddFileNamesAreRefusedAndNeverEchoed() {
        String[][] cases = {
            {"../server.key", "path separator"}, {"C:\\keys\\server.key", "path separator"},
            {"a\u0000.pem", "NUL"}, {"x".repeat(10_000), "longer than 255"}, {"<img src=x onerror=alert(1)>.pem", "HTML"},
            {"a\u202e.pem", "invisible"}, {"..", "folder name"},
        };
        for (String[] odd : cases) {
            String message = refused(TYPE, body(part("privateKey", odd[0], KEY.getBytes(UTF_8))));
            assertThat(message).as(odd[0]).startsWith("the file name of part privateKey").contains(odd[1])
                .doesNotContain("PRIVATE KEY").doesNotContain("MIIE");
            if (odd[0].length() > 3) {
                assertThat(message).doesNotContain(odd[0]);
            }
        }
    }

    @Test
    void aBodyWithoutBoundaryOrCutShortIsRefusedWithoutQuotingIt() {
        byte[] body = body(part("privateKey", "k.pem", KEY.getBytes(UTF_8)));
        assertThat(refused("multipart/form-data", body)).contains("needs a boundary");
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 20);
        assertThat(refused(TYPE, cut)).startsWith("the multipart body is malformed").doesNotContain("MIIE");
        assertThat(refused(TYPE, "--b0undary\r\nContent-Disposition: form-data; name=\"privateKey\"\r\n"
            + "X: " + "y".repeat(20_000) + "\r\n\r\nMIIE\r\n--b0undary--\r\n")).startsWith("the multipart body is malformed");
    }

    @Test
    void aPartWithoutANameIsSkippedByTheParserSoItCannotStandInForOne() throws Exception {
        // commons-fileupload passes over a part that is not form-data with a name; what stays is checked as usual.
        assertThat(MultipartUpload.parts(TYPE, ("--b0undary\r\nContent-Disposition: form-data\r\n\r\nMIIE\r\n"
            + "--b0undary--\r\n").getBytes(UTF_8))).isEmpty();
        assertThat(MultipartUpload.parts(TYPE, ("--b0undary\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n"
            + "MIIE\r\n--b0undary--\r\n").getBytes(UTF_8))).isEmpty();
    }

    private static String refused(String type, String body) {
        return refused(type, body.getBytes(UTF_8));
    }

    private static String refused(String type, byte[] body) {
        ApiError error = catchThrowableOfType(() -> MultipartUpload.parts(type, body), ApiError.class);
        assertThat(error).as("refused").isNotNull();
        assertThat(error.status()).isEqualTo(400);
        return error.getMessage();
    }

    private static byte[] part(String name, String fileName, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--b0undary\r\nContent-Disposition: form-data; name=\"" + name + "\""
            + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n\r\n").getBytes(UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(UTF_8));
        return out.toByteArray();
    }

    private static byte[] body(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        out.writeBytes("--b0undary--\r\n".getBytes(UTF_8));
        return out.toByteArray();
    }
}
