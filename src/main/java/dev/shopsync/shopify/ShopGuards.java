package dev.shopsync.shopify;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import dev.shopsync.time.DeadlineReachedException;
import io.smallrye.faulttolerance.api.TypedGuard;

/**
 * SmallRye Fault Tolerance around every HTTP exchange, one guard per shop so each shop has its own circuit
 * breaker: retries with exponential back-off and jitter on transient failures and timeouts, a per-call timeout
 * as a backstop to the client's own, and a circuit that opens when a shop keeps failing.
 */
@ApplicationScoped
public class ShopGuards {

    private final ShopifyClientConfig config;
    private final Map<String, TypedGuard<Exchange>> guards = new ConcurrentHashMap<>();

    public ShopGuards(ShopifyClientConfig config) {
        this.config = config;
    }

    TypedGuard<Exchange> forShop(String domain) {
        return guards.computeIfAbsent(domain, this::build);
    }

    private TypedGuard<Exchange> build(String domain) {
        ShopifyClientConfig.Retry retry = config.retry();
        ShopifyClientConfig.CircuitBreaker breaker = config.circuitBreaker();
        long timeoutMs = config.readTimeout().plus(config.connectTimeout()).toMillis();
        return TypedGuard.create(Exchange.class)
                .withDescription("shopify " + domain)
                .withRetry()
                    .maxRetries(retry.maxRetries())
                    .delay(retry.initialDelay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(retry.jitter().toMillis(), ChronoUnit.MILLIS)
                    .retryOn(List.of(TransientShopifyException.class, TimeoutException.class))
                    .abortOn(DeadlineReachedException.class)
                    .withExponentialBackoff()
                        .factor(2)
                        .maxDelay(retry.maxDelay().toMillis(), ChronoUnit.MILLIS)
                        .done()
                    .done()
                .withCircuitBreaker()
                    .name("shopify-" + domain)
                    .requestVolumeThreshold(breaker.requestVolumeThreshold())
                    .failureRatio(breaker.failureRatio())
                    .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(breaker.successThreshold())
                    .failOn(List.of(TransientShopifyException.class, TimeoutException.class))
                    .done()
                .withTimeout()
                    .duration(timeoutMs, ChronoUnit.MILLIS)
                    .done()
                .build();
    }
}
