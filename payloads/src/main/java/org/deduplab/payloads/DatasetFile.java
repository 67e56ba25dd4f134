package org.deduplab.payloads;

/**
 * One file of a dataset as it streams by: its index, its name (relative path), its bytes, and the
 * index of the earlier file it copies (-1 when unique).
 */
public record DatasetFile(int index, String name, byte[] bytes, int duplicateOf) {
    public boolean isDuplicate() {
        return duplicateOf >= 0;
    }
}
