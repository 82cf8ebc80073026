package org.imsajames.webadmin;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.fileupload.FileItemIterator;
import org.apache.commons.fileupload.FileItemStream;
import org.apache.commons.fileupload.FileUpload;
import org.apache.commons.fileupload.FileUploadBase;
import org.apache.commons.fileupload.FileUploadException;
import org.apache.commons.fileupload.InvalidFileNameException;
import org.apache.commons.fileupload.UploadContext;
import org.imsajames.policy.LogText;

/**
 * The certificate upload as multipart/form-data, parsed from the body bytes Spark cached (James 3.8.1's request
 * logging has read the stream before any route runs), in memory only: commons-fileupload 1.5 (James ships it) in its
 * streaming form, so no part is ever written to a temporary file.
 *
 * <p>Each part is one of {@link UploadBody#FIELDS}, at most once; a file name, when given, is only looked at (never
 * used for a file) and must be a plain name. Every refusal names the part, never its content.
 */
final class MultipartUpload {
    /** Longer than any file name a file system keeps. */
    static final int MAX_FILE_NAME = 255;

    private MultipartUpload() {
    }

    /** BODY is at most {@link RequestBodies#MAX_UPLOAD_BYTES} already (413 before parsing). */
    static Map<String, byte[]> parts(String contentType, byte[] body) throws ApiError {
        FileUpload parser = new FileUpload();
        parser.setHeaderEncoding(StandardCharsets.UTF_8.name());
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try {
            FileItemIterator items = parser.getItemIterator(new CachedBody(contentType, body));
            int number = 0;
            while (items.hasNext()) {
                FileItemStream item = items.next();
                String name = item.getFieldName();
                number++;
                if (name == null || !UploadBody.FIELDS.contains(name)) {
                    // Its name is not quoted: it could be anything the client put there, a key's text too.
                    throw ApiError.badRequest("part " + number + " has an unknown name; expected "
                        + UploadBody.EXPECTED);
                }
                if (parts.containsKey(name)) {
                    throw ApiError.badRequest("part " + name + " is sent twice; send each part once");
                }
                requirePlainFileName(name, fileName(item, name));
                parts.put(name, UploadBody.fileContent(name, read(item)));
            }
        } catch (FileUploadBase.InvalidContentTypeException e) {
            throw ApiError.badRequest("multipart/form-data needs a boundary parameter in its Content-Type");
        } catch (FileUploadException | IOException e) {
            // commons-fileupload's own text can quote the body; ours names only what is wrong.
            throw ApiError.badRequest(missingBoundary(contentType)
                ? "multipart/form-data needs a boundary parameter in its Content-Type"
                : "the multipart body is malformed (" + e.getClass().getSimpleName() + ")");
        }
        return parts;
    }

    private static boolean missingBoundary(String contentType) {
        return contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).contains("boundary=");
    }

    private static String fileName(FileItemStream item, String part) throws ApiError {
        try {
            return item.getName();
        } catch (InvalidFileNameException e) {
            throw ApiError.badRequest("the file name of part " + part + " holds a NUL character");
        }
    }

    /** A browser sends the chosen file's name without its folder; anything else is refused, not cleaned up. */
    static void requirePlainFileName(String part, String fileName) throws ApiError {
        if (fileName == null || fileName.isEmpty()) {
            return;
        }
        String problem = null;
        if (fileName.length() > MAX_FILE_NAME) {
            problem = "is longer than " + MAX_FILE_NAME + " characters";
        } else if (fileName.indexOf('/') >= 0 || fileName.indexOf('\\') >= 0) {
            problem = "holds a path separator";
        } else if (fileName.equals(".") || fileName.equals("..")) {
            problem = "is a folder name";
        } else if (fileName.codePoints().anyMatch(LogText::unsafe)) {
            problem = "holds a control or invisible character";
        } else if (fileName.chars().anyMatch(c -> c == '<' || c == '>' || c == '"' || c == '&')) {
            problem = "holds HTML characters (< > \" &)";
        }
        if (problem != null) {
            throw ApiError.badRequest("the file name of part " + part + " " + problem
                + "; send the file under a plain name, e.g. server.key");
        }
    }

    private static byte[] read(FileItemStream item) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        try (InputStream in = item.openStream()) {
            in.transferTo(content);
        }
        return content.toByteArray();
    }

    /** The body James's request logging already read, offered to the parser as the request it came in. */
    private static final class CachedBody implements UploadContext {
        private final String contentType;
        private final byte[] body;

        CachedBody(String contentType, byte[] body) {
            this.contentType = contentType;
            this.body = body;
        }

        @Override
        public long contentLength() {
            return body.length;
        }

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        @Deprecated
        public int getContentLength() {
            return body.length;
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(body);
        }
    }
}
