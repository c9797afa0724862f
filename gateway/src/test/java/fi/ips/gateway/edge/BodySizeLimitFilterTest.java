package fi.ips.gateway.edge;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A body without a length (chunked) is held to the same limits as one with a length. */
class BodySizeLimitFilterTest {

    private final BodySizeLimitFilter filter = new BodySizeLimitFilter(DataSize.ofBytes(1024), DataSize.ofBytes(4096));
    private final AtomicLong forwarded = new AtomicLong();

    /** The service's side: reads the whole body it is forwarded. */
    private final WebFilterChain service = exchange -> exchange.getRequest().getBody()
            .doOnNext(buffer -> {
                forwarded.addAndGet(buffer.readableByteCount());
                DataBufferUtils.release(buffer);
            })
            .then();

    @Test
    void aChunkedBodyOverTheLimitFailsAsItStreams() {
        assertThatThrownBy(() -> filter.filter(chunked("/api/v1/referrals", 3), service).block())
                .isInstanceOf(DataBufferLimitException.class);
        assertThat(forwarded).hasValue(1024);
    }

    @Test
    void aChunkedBodyUpToTheLimitGoesThrough() {
        filter.filter(chunked("/api/v1/referrals", 2), service).block();

        assertThat(forwarded).hasValue(1024);
    }

    @Test
    void aChunkedImportFileHasItsOwnLimit() {
        filter.filter(chunked("/api/v1/imports", 8), service).block();
        assertThat(forwarded).hasValue(4096);

        assertThatThrownBy(() -> filter.filter(chunked("/api/v1/imports", 9), service).block())
                .isInstanceOf(DataBufferLimitException.class);
    }

    /** A body of {@code chunks} parts of 512 bytes, without a Content-Length. */
    private static MockServerWebExchange chunked(String path, int chunks) {
        Flux<DataBuffer> body = Flux.range(0, chunks)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap("x".repeat(512).getBytes(StandardCharsets.US_ASCII)));
        return MockServerWebExchange.from(MockServerHttpRequest.post(path).header("Transfer-Encoding", "chunked").body(body));
    }
}
