package dev.shopsync.sync;

/** A slice stopped on an error; everything up to its last committed page is kept and the cursor says where. */
public class SliceFailedException extends RuntimeException {

    public SliceFailedException(String shop, String resource, Throwable cause) {
        super("sync slice " + shop + "/" + resource + " failed: " + cause.getMessage(), cause);
    }
}
