package org.imsajames.webadmin;

/**
 * The multipart upload's body as James 3.8.1's request logging read it, handed to the upload route on the same
 * thread. Spark caches no multipart body: James's {@code LoggingRequestFilter} reads the stream (into a Spark
 * request object of its own, gone before the route runs) and puts the text in the MDC field {@code request-body} of
 * its "WebAdmin request received" line. {@link SecretBodyTurboFilter}, which denies that line for the upload route,
 * keeps the text here, tagged with James's request id; the route takes it only for its own request id. Jetty runs a
 * request's filters and route on one thread. Held in memory only, and dropped at the thread's next WebAdmin request.
 */
final class CapturedUploadBody {
    private static final ThreadLocal<CapturedUploadBody> CURRENT = new ThreadLocal<>();

    private final String requestId;
    private final String body;

    private CapturedUploadBody(String requestId, String body) {
        this.requestId = requestId;
        this.body = body;
    }

    /** James logged a request on this thread: what an earlier request left goes. */
    static void forget() {
        CURRENT.remove();
    }

    static void keep(String requestId, String body) {
        if (requestId != null && body != null) {
            CURRENT.set(new CapturedUploadBody(requestId, body));
        } else {
            CURRENT.remove();
        }
    }

    /** The body James read for REQUEST_ID on this thread, once; null if there is none. */
    static String take(String requestId) {
        CapturedUploadBody captured = CURRENT.get();
        CURRENT.remove();
        return captured != null && captured.requestId.equals(requestId) ? captured.body : null;
    }
}
