package io.ironcage.analytics.core.sync;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a response body to the end (so the connection stays reusable) but keeps at most a fixed
 * number of bytes: a misbehaving server or proxy cannot make the client buffer a huge page.
 */
final class BoundedBody implements BodyHandler<byte[]> {
    private final int limit;

    BoundedBody(int limit) {
        this.limit = limit;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        Collector c = new Collector(limit);
        return BodySubscribers.mapping(BodySubscribers.ofByteArrayConsumer(c), ignored -> c.bytes());
    }

    /** Accumulates up to the limit; one per response, fed sequentially by the HTTP client. */
    private static final class Collector implements Consumer<Optional<byte[]>> {
        private final int limit;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

        Collector(int limit) {
            this.limit = limit;
        }

        @Override
        public void accept(Optional<byte[]> chunk) {
            if (chunk.isPresent()) {
                byte[] b = chunk.get();
                int room = limit - out.size();
                if (room > 0) {
                    out.write(b, 0, Math.min(room, b.length));
                }
            }
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
