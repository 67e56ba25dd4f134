package org.deduplab.payloads;

/**
 * A dataset specification value the user gave that cannot be used. The message always names the
 * bad value and lists the valid ones, so the CLI can print it as the one line the user sees.
 */
public class InvalidSpecException extends IllegalArgumentException {
    public InvalidSpecException(String message) {
        super(message);
    }
}
