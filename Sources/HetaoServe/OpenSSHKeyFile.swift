import Crypto
import Foundation

/// The OpenSSH private key file format (`openssh-key-v1`), for one unencrypted ed25519 key:
/// enough to write a host key any OpenSSH tool reads, and to read one `ssh-keygen` wrote.
enum OpenSSHKeyFile {
    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    static let begin = "-----BEGIN OPENSSH PRIVATE KEY-----"
    static let end = "-----END OPENSSH PRIVATE KEY-----"
    static let magic = Array("openssh-key-v1".utf8) + [0]
    static let keyType = "ssh-ed25519"

    static func encode(_ seed: Data, comment: String) -> String {
        let key = try! Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        let publicKey = key.publicKey.rawRepresentation
        var publicBlob = Writer()
        publicBlob.string(keyType)
        publicBlob.string(publicKey)
        var secret = Writer()
        let check = UInt32.random(in: .min ... .max)
        secret.uint32(check)
        secret.uint32(check)
        secret.string(keyType)
        secret.string(publicKey)
        secret.string(seed + publicKey)
        secret.string(Data(comment.utf8))
        var pad: UInt8 = 1
        while secret.bytes.count % 8 != 0 {
            secret.bytes.append(pad)
            pad += 1
        }
        var file = Writer()
        file.bytes.append(contentsOf: magic)
        file.string("none")
        file.string("none")
        file.string(Data())
        file.uint32(1)
        file.string(publicBlob.bytes)
        file.string(secret.bytes)
        let base64 = file.bytes.base64EncodedString()
        var lines = [begin]
        var rest = Substring(base64)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(70)))
            rest = rest.dropFirst(70)
        }
        lines.append(end)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The ed25519 seed of the key in `text`.
    static func decodeSeed(_ text: String) throws(FormatError) -> Data {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = lines.firstIndex(of: begin), let last = lines.firstIndex(of: end), first < last else {
            throw FormatError(description: "expected an OpenSSH private key (\(begin))")
        }
        guard let data = Data(base64Encoded: lines[(first + 1)..<last].joined()) else {
            throw FormatError(description: "the key's base64 is damaged")
        }
        var reader = Reader(bytes: data)
        guard reader.take(magic.count) == Data(magic) else { throw FormatError(description: "not an openssh-key-v1 key") }
        let cipher = try reader.text()
        _ = try reader.text()
        _ = try reader.blob()
        guard cipher == "none" else {
            throw FormatError(description: "the key is encrypted with a passphrase; a server key must not be "
                              + "(ssh-keygen -p -N '' -f FILE removes it)")
        }
        guard try reader.uint32() == 1 else { throw FormatError(description: "the file holds more than one key") }
        _ = try reader.blob()
        var secret = Reader(bytes: try reader.blob())
        guard try secret.uint32() == (try secret.uint32()) else { throw FormatError(description: "the key's check bytes differ") }
        let type = try secret.text()
        guard type == keyType else {
            throw FormatError(description: "it is a \(type) key; the host key must be ed25519 (ssh-keygen -t ed25519)")
        }
        _ = try secret.blob()
        let private64 = try secret.blob()
        guard private64.count == 64 else { throw FormatError(description: "the ed25519 key has the wrong length") }
        return private64.prefix(32)
    }

    private struct Writer {
        var bytes = Data()

        mutating func uint32(_ value: UInt32) {
            withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func string(_ value: Data) {
            uint32(UInt32(value.count))
            bytes.append(value)
        }

        mutating func string(_ value: String) { string(Data(value.utf8)) }
    }

    private struct Reader {
        var bytes: Data
        var offset = 0

        mutating func take(_ count: Int) -> Data? {
            guard count >= 0, offset + count <= bytes.count else { return nil }
            defer { offset += count }
            return bytes.subdata(in: bytes.startIndex + offset..<bytes.startIndex + offset + count)
        }

        mutating func uint32() throws(FormatError) -> UInt32 {
            guard let four = take(4) else { throw FormatError(description: "the key file is truncated") }
            return four.reduce(0) { $0 << 8 | UInt32($1) }
        }

        mutating func blob() throws(FormatError) -> Data {
            let count = Int(try uint32())
            guard let value = take(count) else { throw FormatError(description: "the key file is truncated") }
            return value
        }

        mutating func text() throws(FormatError) -> String { String(decoding: try blob(), as: UTF8.self) }
    }
}
