package org.deduplab.payloads;

/**
 * Input the user gave that cannot be used (a dataset spec, a param, an option, a file, a setting).
 * The message names the bad value and lists the valid ones, so the CLI prints it as the one line the
 * user sees and exits 2.
 */
public class BadInputException extends IllegalArgumentException {
    public BadInputException(String message) {
        super(message);
    }
}
