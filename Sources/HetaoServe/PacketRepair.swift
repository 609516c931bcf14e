/// Reshapes two kinds of client message that swift-nio-ssh 0.15 cannot parse, and on which it
/// drops the whole connection (`invalidPacketFormat`, apple/swift-nio-ssh#221), into messages
/// it parses and hetao then refuses as OpenSSH refuses a disabled feature:
/// - a channel request of a type it does not know (`x11-req` from `ssh -X`) becomes a
///   `subsystem` request named `x11-req (request)`, which the session refuses with an audit line;
/// - an authentication method it does not know (`keyboard-interactive`, `hostbased`) becomes a
///   `password` attempt whose password is `method` behind a NUL (no password can be typed so),
///   which the authenticator refuses, names and counts.
/// Every other message passes through untouched. Applied to each decrypted packet.
enum PacketRepair {
    /// What a reshaped channel request's subsystem name ends with.
    static let requestSuffix = " (request)"
    /// What a reshaped authentication attempt's password starts with.
    static let methodMarker = "\u{0}"

    static let knownRequests: Set<String> = ["exec", "exit-status", "env", "exit-signal", "pty-req", "shell", "subsystem",
                                             "window-change", "xon-xoff", "signal"]
    static let knownMethods: Set<String> = ["none", "password", "publickey"]

    static func repaired(_ payload: [UInt8]) -> [UInt8] {
        var reader = Reader(data: payload)
        switch reader.byte() {
        case 98:  // SSH_MSG_CHANNEL_REQUEST: uint32 channel, string type, bool want-reply, …
            guard let channel = reader.bytes(4), let type = reader.string(), let wantReply = reader.byte(),
                  !knownRequests.contains(String(decoding: type, as: UTF8.self)) else { return payload }
            return [98] + channel + encoded(Array("subsystem".utf8)) + [wantReply] + encoded(type + Array(requestSuffix.utf8))
        case 50:  // SSH_MSG_USERAUTH_REQUEST: string user, string service, string method, …
            guard let user = reader.string(), let service = reader.string(), let method = reader.string(),
                  !knownMethods.contains(String(decoding: method, as: UTF8.self)) else { return payload }
            return [50] + encoded(user) + encoded(service) + encoded(Array("password".utf8)) + [0]
                + encoded(Array(methodMarker.utf8) + method)
        default:
            return payload
        }
    }

    private static func encoded(_ bytes: [UInt8]) -> [UInt8] {
        let count = UInt32(bytes.count)
        return [UInt8(count >> 24), UInt8(truncatingIfNeeded: count >> 16), UInt8(truncatingIfNeeded: count >> 8),
                UInt8(truncatingIfNeeded: count)] + bytes
    }

    private struct Reader {
        let data: [UInt8]
        var offset = 0

        mutating func byte() -> UInt8? { bytes(1)?.first }

        mutating func bytes(_ count: Int) -> [UInt8]? {
            guard count >= 0, offset + count <= data.count else { return nil }
            defer { offset += count }
            return Array(data[offset..<(offset + count)])
        }

        mutating func string() -> [UInt8]? {
            guard let length = bytes(4) else { return nil }
            return bytes(Int(length.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }))
        }
    }
}
