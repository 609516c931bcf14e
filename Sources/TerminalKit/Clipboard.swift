/// The terminal's clipboard by OSC 52: the text base64-encoded in one escape sequence, which the
/// user's terminal (over SSH, and through tmux with `set-clipboard on`) puts on its clipboard.
public enum Clipboard {
    /// `ESC ] 52 ; c ; <base64> BEL`.
    public static func sequence(for text: String) -> String {
        "\u{1B}]52;c;" + base64(Array(text.utf8)) + "\u{07}"
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    /// RFC 4648 base64, padded: three bytes to four characters.
    static func base64(_ bytes: [UInt8]) -> String {
        var out = ""
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        for start in stride(from: 0, to: bytes.count, by: 3) {
            let chunk = bytes[start..<min(start + 3, bytes.count)]
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * UInt32($1.offset)) }
            for i in 0..<4 {
                out.append(i <= chunk.count ? alphabet[Int(value >> (18 - 6 * UInt32(i)) & 0x3F)] : "=")
            }
        }
        return out
    }
}
