package dev.shopsync.sync;

/** A slice request that cannot be run as given; nothing was changed. */
public class InvalidSliceRequestException extends IllegalArgumentException {

    public InvalidSliceRequestException(String message) {
        super(message);
    }
}
