/// FNV-1a, 64 bits: a fingerprint that changes with its input. Used where what is compared is
/// the user's own (a cached copy, a table their store keeps), so it need not resist anyone.
public enum FNV1a {
    public static func hash(_ bytes: some Collection<UInt8>) -> UInt64 {
        // A file's bytes are contiguous: read as a buffer, not through the collection's iterator.
        bytes.withContiguousStorageIfAvailable { fold($0) } ?? fold(bytes)
    }

    private static func fold(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        return value
    }
}
