import Crypto
import Foundation
import NIOSSH

/// The server's ed25519 host key, kept as an OpenSSH private key file (what `ssh-keygen -t
/// ed25519 -N ''` writes, so an administrator may bring their own), created with mode 0600 on
/// first start.
public struct HostKey: Sendable {
    public let privateKey: NIOSSHPrivateKey
    public let publicKey: NIOSSHPublicKey
    /// `SHA256:…`, as `ssh-keygen -l` and the client's first-connection prompt show it.
    public let fingerprint: String

    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case notAKey(path: String, reason: String)

        public var description: String {
            switch self {
            case let .unreadable(path, reason): return "\(path): cannot read the host key: \(reason)"
            case let .notAKey(path, reason): return "\(path): not a usable host key: \(reason)"
            }
        }
    }

    /// The private key's 32-byte seed, as the key file holds it.
    let seed: Data

    init(_ key: Curve25519.Signing.PrivateKey) {
        seed = key.rawRepresentation
        privateKey = NIOSSHPrivateKey(ed25519Key: key)
        publicKey = privateKey.publicKey
        fingerprint = Self.fingerprint(of: publicKey)
    }

    /// `SHA256:` and the base64 of the SHA-256 of the key's wire form, without padding.
    public static func fingerprint(of key: NIOSSHPublicKey) -> String {
        let text = String(openSSHPublicKey: key)
        let base64 = text.split(separator: " ").dropFirst().first.map(String.init) ?? ""
        let blob = Data(base64Encoded: base64) ?? Data()
        let digest = Data(SHA256.hash(data: blob)).base64EncodedString()
        return "SHA256:" + digest.replacingOccurrences(of: "=", with: "")
    }

    /// The key at `path`, created (with its folders, the file 0600) when there is none.
    public static func loadOrCreate(path: String) throws(LoadError) -> (key: HostKey, created: Bool) {
        if FileManager.default.fileExists(atPath: path) { return (try load(path: path), false) }
        let key = HostKey(Curve25519.Signing.PrivateKey())
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            }
        } catch { throw .unreadable(path: path, reason: "cannot create \(folder)") }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        let text = Array(OpenSSHKeyFile.encode(key.seed, comment: "hetao serve").utf8)
        let written = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == text.count else { throw .unreadable(path: path, reason: "cannot write the new key") }
        return (key, true)
    }

    public static func load(path: String) throws(LoadError) -> HostKey {
        // A private key others can read is refused, as OpenSSH refuses it.
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & 0o077 != 0 {
            let mode = String(status.st_mode & 0o777, radix: 8)
            throw .notAKey(path: path, reason: "it is readable by others (mode 0\(mode)); "
                           + "make it the service's alone: chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "no permission, or not text")
        }
        do {
            return HostKey(try Curve25519.Signing.PrivateKey(rawRepresentation: try OpenSSHKeyFile.decodeSeed(text)))
        } catch let error as OpenSSHKeyFile.FormatError {
            throw .notAKey(path: path, reason: error.description)
        } catch {
            throw .notAKey(path: path, reason: "the key is malformed")
        }
    }
}
