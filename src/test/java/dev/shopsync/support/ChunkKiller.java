package dev.shopsync.support;

import java.util.SplittableRandom;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Kills a share of bulk chunk transactions half-way, like a Lambda invocation that dies mid-chunk: the chunk's
 * first half is written, then the transaction is abandoned. Off unless a test sets a rate.
 */
@ApplicationScoped
public class ChunkKiller {

    private volatile double rate;
    private SplittableRandom random = new SplittableRandom(1);
    private int killed;

    public synchronized void killEvery(double share, long seed) {
        this.rate = share;
        this.random = new SplittableRandom(seed);
        this.killed = 0;
    }

    public void off() {
        rate = 0;
    }

    public synchronized boolean killNow() {
        if (rate > 0 && random.nextDouble() < rate) {
            killed++;
            return true;
        }
        return false;
    }

    public synchronized int killed() {
        return killed;
    }
}
